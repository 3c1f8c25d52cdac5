// error: E0402 no overload of `show` takes a string
package .test.err;

class overloadmiss
{
    void show(var x : int)
    {
    }

    void show(var a : int, var b : int)
    {
    }

    void f()
    {
        show("text");
    }
};
