// error: E0416 a void method returns a value
package .test.err;

class voidret
{
    void f(var a : int)
    {
        if (a > 0)
            return a;
    }
};
