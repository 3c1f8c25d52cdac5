// covers: an exception thrown several calls deep unwinds every frame in between (their remaining code is skipped), recursion unwound by a throw, the catching method continuing normally afterwards
package .test;

class main
{
    var out;
    var trail : string;

    void a(var n : int)
    {
        trail = trail + "a<";
        b(n);
        trail = trail + "a>";
    }

    void b(var n : int)
    {
        trail = trail + "b<";
        c(n);
        trail = trail + "b>";
    }

    void c(var n : int)
    {
        trail = trail + "c<";
        if (n > 0)
            throw "deep " + n;
        trail = trail + "c>";
    }

    int down(var depth : int)
    {
        if (depth == 0)
            throw new marker(trail.length());
        return down(depth - 1) + 1;
    }

    string tryA(var n : int)
    {
        trail = "";
        try
        {
            a(n);
        }
        catch (string e)
        {
            return trail + " caught " + e;
        }
        return trail + " no exception";
    }

    string tryDown(var d : int)
    {
        var r : int;
        try
        {
            r = down(d);
            return "returned " + r;
        }
        catch (marker m)
        {
            return "unwound " + d + " frames, marker " + m.get();
        }
        return "unreachable";
    }

    void run(var boot) [8]
    {
        out = boot;
        out.16(tryA(0) + "\n");
        out.16(tryA(1) + "\n");
        trail = "xyz";
        out.16(tryDown(50) + "\n");
        out.16("still running\n");
    }
};

class marker
{
    var v : int;

    void marker(var x : int)
    {
        v = x;
    }

    int get()
    {
        return v;
    }
};
