// PENDING (diagnostics bug): after the two E0402 four cascading W0002 warnings are reported (two per failed call, duplicated).
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
        return add(1, 2, 3) + add(1);
    }
};
