// error: E0404 the result of a void method used in arithmetic (reported once)
package .test.err;

class voidvalue
{
    void nothing()
    {
    }

    int f()
    {
        var x : int;
        x = nothing() + 1;
        return x;
    }
};
