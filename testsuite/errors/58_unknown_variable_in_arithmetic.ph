// error: E0400 unknown variable `cout` (a typo of `count`) in arithmetic (one error, no follow-on warnings)
package .test.err;

class unknownvar
{
    int f()
    {
        var count : int;
        count = 3;
        return cout + 1;
    }
};
