// covers: double locals and fields from int values, + - * / on doubles, mixed int/double promotion, toString of doubles (%f, six decimals), double comparisons and ==
package .test;

class main
{
    var out;
    var df : double;

    double half(var x : double)
    {
        return x / 2;
    }

    void run(var boot) [8]
    {
        var d : double;
        var e : double;
        var i : int;
        out = boot;
        d = 7;
        out.16("d=" + d + "\n");
        d = d / 2;
        out.16("7/2=" + d + "\n");
        e = 1;
        e = e / 3;
        out.16("1/3=" + e + "\n");
        e = e * 2;
        out.16("2/3=" + e + "\n");
        e = d + e;
        out.16("3.5+2/3=" + e + "\n");
        d = 0 - 5;
        d = d / 4;
        out.16("-5/4=" + d + "\n");
        i = 3;
        d = i * d;
        out.16("3*-1.25=" + d + "\n");
        df = 1;
        df = df / 8;
        out.16("df=" + df + "\n");
        df = df + 10;
        out.16("df+10=" + df + "\n");
        out.16("half(5)=" + half(5) + "\n");
        d = 1;
        d = d / 2;
        e = 2;
        e = 1 / e;
        out.16("d==e " + (d == e) + " d<e " + (d < e) + " d>0 " + (d > 0) + " d<1 " + (d < 1) + "\n");
        // 0.5 is not 0: == compares the values, not a truncated difference
        out.16("d==0 " + (d == 0) + " d!=0 " + (d != 0) + "\n");
        i = 7;
        d = i;
        d = d / 2;
        out.16("int/int=" + (i / 2) + " double/int=" + d + "\n");
    }
};
