// error: E0309 an explicit ordinal too large for the method table, and a call by a too large ordinal
package .test.err;

class bigord
{
    void a() [70000]
    {
    }

    void f(var o)
    {
        o.99999();
    }
};
