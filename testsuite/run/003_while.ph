// covers: while loops counting up and down, a loop that never runs, a condition on a field, sums computed in loops
package .test;

class main
{
    var out;
    var fcount : int;

    void run(var boot) [8]
    {
        var i : int;
        var sum : int;
        out = boot;
        i = 0;
        while (i < 5)
        {
            out.16("i=" + i + "\n");
            i = i + 1;
        }
        out.16("after: " + i + "\n");
        i = 3;
        while (i)
        {
            out.16("down " + i + "\n");
            i = i - 1;
        }
        while (i > 100)
            out.16("never\n");
        sum = 0;
        i = 1;
        while (i <= 100)
        {
            sum = sum + i;
            i = i + 1;
        }
        out.16("sum 1..100 = " + sum + "\n");
        fcount = 10;
        while (fcount > 7)
            fcount = fcount - 1;
        out.16("fcount = " + fcount + "\n");
    }
};
