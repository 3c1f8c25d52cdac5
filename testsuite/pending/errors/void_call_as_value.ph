// PENDING (diagnostics bug): the E0404 is reported twice at the same place.
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
        x = nothing() + 1;
        return x;
    }
};
