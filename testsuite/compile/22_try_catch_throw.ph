// covers: throw of strings and objects, try/catch with a typed catch variable, nested try, throw inside a called method
package .test.exc;

class failing
{
    void check(var v : int)
    {
        if (v < 0)
            throw "negative";
    }

    int safe(var v : int)
    {
        try
        {
            check(v);
        }
        catch (string e)
        {
            return -1;
        }
        return v;
    }

    string nested()
    {
        var r : string;
        r = "none";
        try {
            try {
                throw this;
            } catch (.internal.object inner) {
                r = "inner";
                throw "again";
            }
        } catch (string outer) {
            r = outer;
        }
        return r;
    }
};
