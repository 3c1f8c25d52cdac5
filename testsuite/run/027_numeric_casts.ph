// covers: explicit numeric casts (int) (long) (float) (double), truncation towards zero, a cast applies to the whole expression after it, (int) of a boxed int object
package .test;

class main
{
    var out;

    int roundTrip(var v : int)
    {
        var l : long;
        var f : float;
        var d : double;
        l = (long) v;
        f = (float) l;
        d = (double) f;
        return (int) d;
    }

    void run(var boot) [8]
    {
        var d : double;
        var f : float;
        var l : long;
        var i : int;
        var o : .internal.object;
        out = boot;
        d = 37;
        d = d / 10;
        out.16("d=" + d + " (int) d=" + ((int) d) + "\n");
        d = 0 - d;
        out.16("d=" + d + " (int) d=" + ((int) d) + "\n");
        d = 999;
        d = d / 1000;
        i = (int) d;
        out.16("(int) 0.999=" + i + "\n");
        f = 9;
        f = f / 2;
        i = (int) f;
        out.16("(int) 4.5f=" + i + "\n");
        i = 100000;
        // the cast covers i * i, which is computed (and wraps) in int first
        l = (long) i * i;
        out.16("(long) i * i=" + l + "\n");
        l = i;
        l = l * i;
        out.16("long l * i=" + l + "\n");
        i = 7;
        d = (double) i / 2;
        out.16("(double) i / 2=" + d + "\n");
        d = i;
        d = d / 2;
        out.16("d / 2=" + d + "\n");
        out.16("roundTrip(12345)=" + roundTrip(12345) + "\n");
        o = 42;
        i = (int) o;
        i = i + 1;
        out.16("(int) o, + 1=" + i + "\n");
        l = 123456789;
        l = l * 10;
        i = (int) (l / 1000);
        out.16("(int) (l / 1000)=" + i + "\n");
    }
};
