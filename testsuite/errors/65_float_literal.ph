// error: E0006 a floating-point literal; Phantom has none
package .test.err;

class floats
{
    double half(var x : double)
    {
        return x * 0.5;
    }

    double rate()
    {
        return 1.25;
    }
};
