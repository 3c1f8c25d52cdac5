// covers: `return;` in void methods, `return expr;` of ints, strings and objects, early returns, methods falling off the end
package .test.returns;

class ret
{
    var last : int;

    void early(var x : int)
    {
        if (x < 0)
            return;
        last = x;
    }

    int number()
    {
        return 42;
    }

    string text()
    {
        return "text";
    }

    .internal.object self()
    {
        return this;
    }

    .internal.object nothing()
    {
        return null;
    }

    void fallOff()
    {
        last = 0;
    }
};
