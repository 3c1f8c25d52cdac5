// error: E0400 unknown variable `cout` (a typo of `count`)
package .test.err;

class unknownvar
{
    int f()
    {
        var count : int;
        count = 3;
        show(cout);
        return count;
    }

    void show(var v)
    {
    }
};
