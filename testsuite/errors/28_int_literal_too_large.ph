// error: E0411 integer literals that do not fit: decimal beyond an int (2^31 and up
// used to wrap silently), hex or octal beyond 32 bits
package .test.err;

class toolarge
{
    int f()
    {
        return 4294967296;
    }

    int g()
    {
        return 0x1FFFFFFFF;
    }

    int h()
    {
        return 2147483648;
    }

    int k()
    {
        return 4000000000;
    }

    int fine()
    {
        var a : int;
        a = 2147483647;
        a = -2147483648;
        a = 0xFFFFFFFF;
        a = 037777777777;
        return 0;
    }
};
