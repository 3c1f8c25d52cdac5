// covers: explicit method ordinals [N], calls by ordinal obj.N(args) on typed and untyped receivers, this.N(), implicit ordinals from 16 in declaration order, an override taking the parent's pinned ordinal
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var c : calc;
        var u;
        var k : calc;
        out = boot;
        c = new calc();
        u = c;
        out.16("by name: " + c.twice(5) + " " + c.plus(2, 3) + "\n");
        out.16("by ordinal: " + c.20(5) + " " + c.21(2, 3) + "\n");
        out.16("untyped: " + u.20(6) + " " + u.21(10, 20) + "\n");
        out.16("first implicit (16): " + c.16() + "\n");
        out.16("second implicit (17): " + c.17() + "\n");
        out.16("via this: " + c.viaThis() + "\n");
        k = new better();
        out.16("override by name: " + k.twice(5) + ", by ordinal: " + k.20(5) + "\n");
        out.16("inherited by ordinal: " + k.21(1, 1) + "\n");
    }
};

class calc
{
    string first()
    {
        return "first";
    }

    string second()
    {
        return "second";
    }

    int twice(var x : int) [20]
    {
        return x * 2;
    }

    int plus(var a : int, var b : int) [21]
    {
        return a + b;
    }

    int viaThis()
    {
        return this.20(100) + this.21(1, 2);
    }
};

class better extends calc
{
    int twice(var x : int)
    {
        return x * 3;
    }
};
