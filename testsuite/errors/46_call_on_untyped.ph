// error: E0409 calling a method by name on an untyped variable
package .test.err;

class untypedcall
{
    void f(var o)
    {
        var x;
        x = o;
        x.run();
    }
};
