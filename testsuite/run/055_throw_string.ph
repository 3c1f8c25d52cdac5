// covers: throw of a string caught by catch (string e), the message reaching the handler, code after the throw skipped, try without an exception, a throw from a called method
package .test;

class main
{
    var out;

    void check(var v : int)
    {
        if (v < 0)
            throw "negative: " + v;
        out.16("check ok " + v + "\n");
    }

    int safe(var v : int)
    {
        try
        {
            check(v);
            out.16("after check " + v + "\n");
        }
        catch (string e)
        {
            out.16("caught [" + e + "]\n");
            return -1;
        }
        return v;
    }

    string direct()
    {
        var r : string;
        r = "start";
        try
        {
            r = r + ",before";
            throw "boom";
        }
        catch (string e)
        {
            r = r + ",handler got " + e;
        }
        r = r + ",after";
        return r;
    }

    void run(var boot) [8]
    {
        out = boot;
        out.16("safe(5)=" + safe(5) + "\n");
        out.16("safe(-2)=" + safe(-2) + "\n");
        out.16(direct() + "\n");
        out.16("end\n");
    }
};
