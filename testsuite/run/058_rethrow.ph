// covers: rethrowing the caught object from a handler (catch (T e) { ...; throw e; }), rethrow to a caller, the same object arriving at the outer handler
package .test;

class main
{
    var out;
    var log : string;

    void fail(var c : int)
    {
        throw new problem(c);
    }

    void relay(var c : int)
    {
        try
        {
            fail(c);
        }
        catch (problem p)
        {
            log = log + "relay saw " + p.getCode() + ";";
            p.bump();
            throw p;
        }
        log = log + "relay not here;";
    }

    string relayString()
    {
        try
        {
            try
            {
                throw "message";
            }
            catch (string s)
            {
                log = log + "inner " + s + ";";
                throw s;
            }
        }
        catch (string t)
        {
            return "outer " + t;
        }
        return "unreachable";
    }

    void run(var boot) [8]
    {
        var r : string;
        out = boot;
        log = "";
        r = catchRelay(5);
        out.16(log + "\n");
        out.16(r + "\n");
        log = "";
        r = relayString();
        out.16(log + "\n");
        out.16(r + "\n");
    }

    string catchRelay(var c : int)
    {
        try
        {
            relay(c);
        }
        catch (problem p)
        {
            return "caller caught " + p.getCode() + " bumped " + p.getBumps();
        }
        return "nothing";
    }
};

class problem
{
    var code : int;
    var bumps : int;

    void problem(var c : int)
    {
        code = c;
        bumps = 0;
    }

    int getCode()
    {
        return code;
    }

    int getBumps()
    {
        return bumps;
    }

    void bump()
    {
        bumps = bumps + 1;
    }
};
