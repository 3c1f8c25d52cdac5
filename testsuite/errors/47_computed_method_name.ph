// error: E0418 calling a method by a computed name `o.(expr)()`
package .test.err;

class computed
{
    void f(var o : .internal.object, var n : string)
    {
        o.(n)();
    }
};
