// error: E0402 a method called with too many and too few arguments
package .test.err;

class argcount
{
    int add(var a : int, var b : int)
    {
        return a + b;
    }

    int f()
    {
        add(1, 2, 3);
        add(1);
        return 0;
    }
};
