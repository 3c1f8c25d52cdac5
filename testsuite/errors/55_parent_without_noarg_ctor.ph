// error: E0305 a child class whose parent has no constructor without arguments
package .test.err;

class needsarg
{
    var v : int;

    void needsarg(var x : int)
    {
        v = x;
    }
};

class child extends needsarg
{
    int get()
    {
        return v;
    }
};
