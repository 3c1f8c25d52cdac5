// error: E0418 a computed method name `o.(expr)()` that is not a string
package .test.err;

class computed
{
    void f(var o : .internal.object, var n : int)
    {
        o.(n)();
    }
};
