// covers: throwing objects of user classes, catch by the exact class and by a parent class (subclass matching), calling methods of the caught object, virtual methods on the caught object
package .test;

class main
{
    var out;

    void fail(var kind : int)
    {
        if (kind == 1)
            throw new problem("plain", 1);
        if (kind == 2)
            throw new ioproblem("disk", 2, "/dev/hd0");
        if (kind == 3)
            throw new netproblem("timeout", 3);
    }

    string attempt(var kind : int)
    {
        try
        {
            fail(kind);
        }
        catch (problem p)
        {
            return "caught " + p.describe() + " code " + p.code();
        }
        return "no problem";
    }

    string onlyIo(var kind : int)
    {
        try
        {
            fail(kind);
        }
        catch (ioproblem p)
        {
            return "io handler: " + p.path();
        }
        return "nothing thrown";
    }

    string outer(var kind : int)
    {
        try
        {
            return onlyIo(kind);
        }
        catch (problem p)
        {
            return "outer handler: " + p.describe();
        }
        return "unreachable";
    }

    void run(var boot) [8]
    {
        out = boot;
        out.16(attempt(0) + "\n");
        out.16(attempt(1) + "\n");
        out.16(attempt(2) + "\n");
        out.16(attempt(3) + "\n");
        out.16(outer(2) + "\n");
        out.16(outer(3) + "\n");
        out.16(outer(1) + "\n");
        out.16(outer(0) + "\n");
    }
};

class problem
{
    var msg : string;
    var c : int;

    void problem()
    {
        msg = "?";
        c = 0;
    }

    void problem(var m : string, var code : int)
    {
        msg = m;
        c = code;
    }

    string describe()
    {
        return "problem(" + msg + ")";
    }

    int code()
    {
        return c;
    }
};

class ioproblem extends problem
{
    var p : string;

    void ioproblem(var m : string, var code : int, var where : string)
    {
        msg = m;
        c = code;
        p = where;
    }

    string describe()
    {
        return "ioproblem(" + msg + " at " + p + ")";
    }

    string path()
    {
        return p;
    }
};

class netproblem extends problem
{
    void netproblem(var m : string, var code : int)
    {
        msg = m;
        c = code * 10;
    }

    string describe()
    {
        return "netproblem(" + msg + ")";
    }
};
