// error: E0404 using the result of a void method as a value
package .test.err;

class voidvalue
{
    void nothing()
    {
    }

    int f()
    {
        var x : int;
        x = nothing();
        return x;
    }
};
