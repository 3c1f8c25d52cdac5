// error: E0100 call arguments need commas
package .test.err;

class commas
{
    int add(var a : int, var b : int)
    {
        return a + b;
    }

    int f()
    {
        return add(1 2);
    }
};
