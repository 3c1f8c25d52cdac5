// error: E0102 a cast written in the middle of an expression
package .test.err;

class midcast
{
    long f(var a : int, var b : int)
    {
        var x : long;
        x = a + (long) b;
        return x;
    }
};
