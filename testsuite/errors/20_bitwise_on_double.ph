// error: E0410 `&` and `|` need integers, found double
package .test.err;

class bitdouble
{
    int f(var a : int)
    {
        var d : double;
        d = a;
        return d & 1;
    }

    int g()
    {
        var d : double;
        return 1 | d;
    }
};
