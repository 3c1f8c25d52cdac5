// covers: && and || truth tables on 0/1 and other non-zero values, ! on comparisons, logical results used as ints
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var a : int;
        var b : int;
        var line : string;
        out = boot;
        a = 0;
        while (a < 2)
        {
            b = 0;
            while (b < 2)
            {
                out.16(a + "," + b + ": and=" + (a && b) + " or=" + (a || b) + "\n");
                b = b + 1;
            }
            a = a + 1;
        }
        a = 5;
        b = -3;
        out.16("5 && -3 = " + (a && b) + "\n");
        out.16("5 || 0 = " + (a || 0) + "\n");
        out.16("0 || -3 = " + (0 || b) + "\n");
        out.16("!5 = " + (!a) + ", !0 = " + (!0) + "\n");
        out.16("(a > 0) && (b < 0) = " + ((a > 0) && (b < 0)) + "\n");
        out.16("(a < 0) || (b > 0) = " + ((a < 0) || (b > 0)) + "\n");
        if (a > 0 && b < 0)
            out.16("both\n");
        if (a < 0 || b < 0)
            out.16("either\n");
        if (a < 0 || b > 0)
            out.16("wrong\n");
        else
            out.16("neither\n");
        line = "";
        if ((a == 5) && (b == -3) && (a + b == 2))
            line = "three conditions";
        out.16(line + "\n");
    }
};
