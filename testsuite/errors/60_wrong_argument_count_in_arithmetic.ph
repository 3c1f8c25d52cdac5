// error: E0402 calls with too many and too few arguments inside arithmetic (no follow-on warnings)
package .test.err;

class argcount
{
    int add(var a : int, var b : int)
    {
        return a + b;
    }

    int f()
    {
        return add(1, 2, 3) + add(1);
    }
};
