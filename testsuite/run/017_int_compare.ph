// covers: < > <= >= == != on ints giving 0 or 1, comparisons of negative numbers, comparing fields with locals and with constants
package .test;

class main
{
    var out;
    var f : int;
    var g : int;

    void cmp(var a : int, var b : int)
    {
        out.16(a + " vs " + b + ": <" + (a < b) + " >" + (a > b) + " <=" + (a <= b) + " >=" + (a >= b) + " ==" + (a == b) + " !=" + (a != b) + "\n");
    }

    void run(var boot) [8]
    {
        var x : int;
        out = boot;
        cmp(1, 2);
        cmp(2, 1);
        cmp(3, 3);
        cmp(-5, 3);
        cmp(-5, -6);
        cmp(-2147483648, 2147483647);
        f = 10;
        g = 10;
        x = 10;
        out.16("f==g " + (f == g) + ", f==x " + (f == x) + ", f==10 " + (f == 10) + ", f!=11 " + (f != 11) + "\n");
        g = 11;
        out.16("f==g " + (f == g) + ", f<g " + (f < g) + ", g>=x " + (g >= x) + "\n");
        if (!(x < 5))
            out.16("!(x<5)\n");
        if (!(x >= 5))
            out.16("wrong\n");
        else
            out.16("x>=5\n");
    }
};
