// error: E0201 a class that does not exist is reported once per file, at its first use;
// values of that type do not cascade into E0409 "unknown type" errors
package .demo;

class user
{
    var t : thng;

    thng g(var a : thng)
    {
        var s : string;
        s = a.name() + t.x();
        return t.h(3);
    }

    void f()
    {
        var i : int;
        i = g(t).count() + 1;
        new thng().go();
    }
};
