// covers: fields declared at three levels of an extends chain, parent methods reading and writing parent fields of a child object, child fields kept separate per object, an overloaded method inherited next to an override
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var b : base;
        var m : mid;
        var t : top;
        var t2 : top;
        out = boot;
        b = new base();
        m = new mid();
        t = new top();
        t2 = new top();
        t.setA(5);
        t.setC(7);
        t.setE(9);
        t2.setA(100);
        out.16("b: " + b.show() + "\n");
        out.16("m: " + m.show() + "\n");
        out.16("t: " + t.show() + " total " + t.total() + "\n");
        out.16("t2: " + t2.show() + " total " + t2.total() + "\n");
        b = t;
        out.16("t as base: " + b.show() + " a=" + b.getA() + "\n");
        out.16("scale(2)=" + t.scale(2) + " scale(2, 3)=" + t.scale(2, 3) + "\n");
    }
};

class base
{
    var a : int;
    var b : int;

    void base()
    {
        a = 1;
        b = 2;
    }

    void setA(var v : int)
    {
        a = v;
    }

    int getA()
    {
        return a;
    }

    string show()
    {
        return "a=" + a + " b=" + b;
    }

    int scale(var k : int)
    {
        return a * k;
    }

    int scale(var k : int, var j : int)
    {
        return a * k * j;
    }
};

class mid extends base
{
    var c : int;

    void mid()
    {
        c = 3;
        b = b * 10;
    }

    void setC(var v : int)
    {
        c = v;
    }

    string show()
    {
        return "a=" + a + " b=" + b + " c=" + c;
    }
};

class top extends mid
{
    var d : int;
    var e : int;

    void top()
    {
        d = 4;
        e = 0;
    }

    void setE(var v : int)
    {
        e = v;
    }

    string show()
    {
        return "a=" + a + " b=" + b + " c=" + c + " d=" + d + " e=" + e;
    }

    int total()
    {
        return a + b + c + d + e;
    }

    int scale(var k : int)
    {
        return (a + e) * k;
    }
};
