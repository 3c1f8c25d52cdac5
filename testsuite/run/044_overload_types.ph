// covers: overloading by argument type (int, long, double, string, user class, untyped) and by argument count, resolution from the static types of the arguments
package .test;

class main
{
    var out;

    string kind(var x : int) { return "int " + x; }
    string kind(var x : long) { return "long " + x; }
    string kind(var x : double) { return "double " + x; }
    string kind(var s : string) { return "string " + s; }
    string kind(var p : point) { return "point " + p.sum(); }
    string kind(var o) { return "untyped"; }
    string kind(var a : int, var b : int) { return "two ints " + (a + b); }
    string kind() { return "nothing"; }

    void run(var boot) [8]
    {
        var l : long;
        var d : double;
        var i : int;
        var o : .internal.object;
        out = boot;
        l = 5;
        d = 1;
        d = d / 2;
        i = 3;
        out.16(kind(i) + "\n");
        out.16(kind(7) + "\n");
        out.16(kind(l) + "\n");
        out.16(kind(d) + "\n");
        out.16(kind("s") + "\n");
        out.16(kind(new point(2, 3)) + "\n");
        out.16(kind(this) + "\n");
        out.16(kind(4, 5) + "\n");
        out.16(kind() + "\n");
        out.16(kind(i + 1) + "\n");
        out.16(kind(l * 2) + "\n");
    }
};

class point
{
    var x : int;
    var y : int;

    void point(var a : int, var b : int)
    {
        x = a;
        y = b;
    }

    int sum()
    {
        return x + y;
    }
};
