// covers: float locals, float arithmetic and toString (%f), promotion int < long < float < double in mixed expressions, implicit conversion on assignment
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var f : float;
        var g : float;
        var d : double;
        var l : long;
        var i : int;
        out = boot;
        f = 3;
        out.16("f=" + f + "\n");
        f = f / 4;
        out.16("3/4=" + f + "\n");
        g = 1;
        g = g / 10;
        out.16("1/10=" + g + "\n");
        f = f + g;
        out.16("0.75+0.1=" + f + "\n");
        i = 2;
        f = f * i;
        out.16("*2=" + f + "\n");
        // int + long is long
        l = 1;
        l = l * 1000000;
        l = l * 5000;
        i = 7;
        out.16("long+int=" + (l + i) + "\n");
        // long + float is float, float + double is double
        l = 6;
        f = 1;
        f = f / 4;
        out.16("long+float=" + (l + f) + "\n");
        d = 1;
        d = d / 8;
        out.16("float+double=" + (f + d) + "\n");
        // assignment converts
        d = i;
        out.16("double from int=" + d + "\n");
        l = i;
        out.16("long from int=" + l + "\n");
        f = l;
        out.16("float from long=" + f + "\n");
        d = f;
        out.16("double from float=" + d + "\n");
    }
};
