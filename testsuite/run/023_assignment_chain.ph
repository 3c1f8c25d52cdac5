// covers: chained assignment x = y = v across locals and fields, assignment used as a value inside an expression and a condition
package .test;

class main
{
    var out;
    var f : int;
    var g : int;

    void run(var boot) [8]
    {
        var x : int;
        var y : int;
        var n : int;
        var s : string;
        var t : string;
        out = boot;
        x = y = 3;
        out.16("x=" + x + " y=" + y + "\n");
        x = f = 7;
        out.16("x=" + x + " f=" + f + "\n");
        f = g = x = 11;
        out.16("f=" + f + " g=" + g + " x=" + x + "\n");
        s = t = "same";
        out.16("s=" + s + " t=" + t + " identical=" + (s :== t) + "\n");
        y = 2 * (x = 5);
        out.16("y=" + y + " x=" + x + "\n");
        n = 0;
        x = 10;
        while ((x = x - 3) > 0)
            n = n + 1;
        out.16("n=" + n + " x=" + x + "\n");
    }
};
