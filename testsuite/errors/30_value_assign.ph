// error: E0412 `.=` (value assignment) is not supported
package .test.err;

class dotassign
{
    void f(var a : string, var b : string)
    {
        a .= b;
    }
};
