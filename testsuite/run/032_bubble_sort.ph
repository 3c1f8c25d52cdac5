// covers: bubble sort of an int array with swaps counted per pass, early exit when a pass swaps nothing
package .test;

class main
{
    var out;

    string show(var a : int[])
    {
        var s : string;
        var i : int;
        s = "";
        i = 0;
        while (i < a.size())
        {
            s = s + a[i] + " ";
            i = i + 1;
        }
        return s;
    }

    void run(var boot) [8]
    {
        var a : int[];
        var i : int;
        var j : int;
        var t : int;
        var swaps : int;
        var pass : int;
        var seed : int;
        out = boot;
        a = new int[]();
        seed = 17;
        i = 0;
        while (i < 10)
        {
            seed = (seed * 31 + 7) % 101;
            a[i] = seed;
            i = i + 1;
        }
        out.16("before: " + show(a) + "\n");
        pass = 0;
        do
        {
            swaps = 0;
            j = 0;
            while (j < a.size() - 1 - pass)
            {
                if (a[j] > a[j + 1])
                {
                    t = a[j];
                    a[j] = a[j + 1];
                    a[j + 1] = t;
                    swaps = swaps + 1;
                }
                j = j + 1;
            }
            pass = pass + 1;
            out.16("pass " + pass + ": " + swaps + " swaps\n");
        } while (swaps > 0);
        out.16("after: " + show(a) + "\n");
    }
};
