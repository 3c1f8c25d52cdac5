// covers: comparisons and == between int, long, float and double values after promotion, equality of equal values of different widths, boxed numbers of the same and of different classes compared with equals
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var i : int;
        var l : long;
        var f : float;
        var d : double;
        var o1 : .internal.object;
        var o2 : .internal.object;
        out = boot;
        i = 3;
        l = 3;
        f = 3;
        d = 3;
        out.16("i==l " + (i == l) + " l==f " + (l == f) + " f==d " + (f == d) + " i==d " + (i == d) + "\n");
        d = d / 2;
        out.16("d=" + d + " i>d " + (i > d) + " l<d " + (l < d) + " f>=d " + (f >= d) + " d!=f " + (d != f) + "\n");
        l = 1000000;
        l = l * 1000000;
        out.16("l>i " + (l > i) + " l>2147483647 " + (l > 2147483647) + "\n");
        f = 1;
        f = f / 4;
        d = 1;
        d = d / 4;
        out.16("0.25f == 0.25 " + (f == d) + "\n");
        o1 = 5;
        o2 = 5;
        out.16("boxed 5 equals boxed 5: " + o1.equals(o2) + "\n");
        l = 5;
        o2 = l;
        out.16("boxed int 5 equals boxed long 5: " + o1.equals(o2) + "\n");
    }
};
