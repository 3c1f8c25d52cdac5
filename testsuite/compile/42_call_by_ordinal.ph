// covers: calls by method ordinal (obj.16(x)) on untyped and typed receivers, this.N(), results of ordinal calls used as values
package .test.byord;

class target
{
    int first(var x : int)
    {
        return x + 1;
    }

    int second()
    {
        return 2;
    }
};

class caller
{
    void use(var t, var typed : target)
    {
        var r;
        t.16(41);
        typed.17();
        r = t.17();
        this.18(r);
        t.5();
    }

    void sink(var v)
    {
    }
};
