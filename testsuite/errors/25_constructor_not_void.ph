// error: E0304 a constructor must return void
package .test.err;

class ctor
{
    var v : int;

    int ctor(var x : int)
    {
        v = x;
        return v;
    }
};
