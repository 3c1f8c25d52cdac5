// PENDING (diagnostics bug): after the E0400 the erroneous operand also gets two identical W0002 "untyped value used as a number" warnings (cascade, reported twice).
// error: E0400 unknown variable `cout` (a typo of `count`)
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
