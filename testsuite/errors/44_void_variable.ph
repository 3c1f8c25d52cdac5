// error: E0423 a local variable of type void
package .test.err;

class voidvar
{
    void f()
    {
        var nothing : void;
    }
};
