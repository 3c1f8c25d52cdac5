// error: E0005/E0411 integer literals that do not fit in 32 bits
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
};
