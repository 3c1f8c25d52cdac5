// error: E0405 assigning to a call result and to a literal
package .test.err;

class lvalue
{
    int get()
    {
        return 1;
    }

    void f()
    {
        get() = 3;
        5 = 4;
    }
};
