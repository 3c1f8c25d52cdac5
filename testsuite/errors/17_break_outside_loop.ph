// error: E0406 `break` outside a loop or switch
package .test.err;

class brk
{
    void f(var a : int)
    {
        if (a > 0)
            break;
    }
};
