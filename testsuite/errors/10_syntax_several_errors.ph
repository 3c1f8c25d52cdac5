// error: three independent syntax errors in one file, each reported (missing `;`, stray `)`, missing `(`)
package .test.err;

class several
{
    int f()
    {
        var x : int;
        x = 1
        return x;
    }

    int g()
    {
        return 2);
    }

    void h()
    {
        if 1) h();
    }
};
