// covers: nested try blocks: the inner handler catches what it matches, a non-matching class passes the inner catch to the outer one, a handler that throws a different class to the outer try, try blocks in sequence
package .test;

class main
{
    var out;

    string level(var what : int)
    {
        var r : string;
        r = "";
        try
        {
            try
            {
                r = r + "inner-body;";
                if (what == 1)
                    throw "str";
                if (what == 2)
                    throw new oops(7);
                r = r + "inner-end;";
            }
            catch (string s)
            {
                r = r + "inner-caught " + s + ";";
            }
            r = r + "between;";
        }
        catch (oops o)
        {
            r = r + "outer-caught oops " + o.n() + ";";
        }
        return r + "done";
    }

    // the inner handler turns an oops into a string for the outer handler
    string translate()
    {
        var r : string;
        r = "";
        try
        {
            try
            {
                throw new oops(42);
            }
            catch (oops o)
            {
                r = r + "translating " + o.n() + ";";
                throw "translated " + o.n();
            }
            r = r + "not here;";
        }
        catch (string s)
        {
            r = r + "outer got " + s;
        }
        return r;
    }

    string sequence()
    {
        var r : string;
        r = "";
        try
        {
            throw "first";
        }
        catch (string a)
        {
            r = r + a + ";";
        }
        try
        {
            r = r + "quiet;";
        }
        catch (string b)
        {
            r = r + "wrong;";
        }
        try
        {
            throw "third";
        }
        catch (string c)
        {
            r = r + c;
        }
        return r;
    }

    void run(var boot) [8]
    {
        out = boot;
        out.16(level(0) + "\n");
        out.16(level(1) + "\n");
        out.16(level(2) + "\n");
        out.16(translate() + "\n");
        out.16(sequence() + "\n");
    }
};

class oops
{
    var v : int;

    void oops(var x : int)
    {
        v = x;
    }

    int n()
    {
        return v;
    }
};
