// covers: foreach over an int array (untyped loop variable), break and continue inside foreach, foreach over an empty array
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var a : int[];
        var e : int[];
        var sum : int;
        var n : int;
        var x;
        out = boot;
        a = new int[]();
        a[0] = 4;
        a[1] = 8;
        a[2] = 15;
        a[3] = 16;
        a[4] = 23;
        a[5] = 42;
        sum = 0;
        foreach (x in a)
        {
            out.16("x=" + x + "\n");
            sum = sum + x;
        }
        out.16("sum=" + sum + "\n");

        // continue skips odd values, break stops at 23
        sum = 0;
        foreach (x in a)
        {
            if (x == 23)
                break;
            if (x % 2 == 1)
                continue;
            sum = sum + x;
        }
        out.16("even sum before 23=" + sum + "\n");

        e = new int[]();
        n = 0;
        foreach (x in e)
            n = n + 1;
        out.16("empty loop ran " + n + " times\n");
    }
};
