// covers: deviation V5 — a catch pops its catcher and trims the stacks: 100000 caught exceptions in a loop, then an outer handler still works
package .test;

class main
{
    int thrower(var i : int)
    {
        throw "x" + i;
    }

    void run(var boot) [8]
    {
        var i : int;
        var n : int;
        i = 0;
        n = 0;
        try
        {
            while (i < 100000)
            {
                try { n = n + thrower(i); }
                catch (string e) { n = n + 1; }
                i = i + 1;
            }
            throw "outer";
        }
        catch (string e) { boot.16(e + " " + n + "\n"); }
    }
};
