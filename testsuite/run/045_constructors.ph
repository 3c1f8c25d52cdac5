// covers: constructors with and without parameters, overloaded constructors chosen by argument types, a class without a constructor, a constructor calling methods, objects keeping separate fields
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var a : point;
        var b : point;
        var c : point;
        var d : point;
        var n : named;
        var e : empty;
        out = boot;
        a = new point();
        b = new point(5);
        c = new point(3, 4);
        d = new point("label");
        out.16("a=" + a.describe() + " b=" + b.describe() + " c=" + c.describe() + " d=" + d.describe() + "\n");
        out.16("sum=" + (a.sum() + b.sum() + c.sum() + d.sum()) + "\n");
        b.move(1, 1);
        out.16("b moved=" + b.describe() + " c unchanged=" + c.describe() + "\n");
        n = new named("counter", 3);
        out.16(n.report() + "\n");
        e = new empty();
        out.16("empty says " + e.hello() + "\n");
        out.16("new point(7).sum()=" + new point(7).sum() + "\n");
    }
};

class point
{
    var x : int;
    var y : int;
    var tag : string;

    void point()
    {
        x = 0;
        y = 0;
        tag = "origin";
    }

    void point(var v : int)
    {
        x = v;
        y = v;
        tag = "diag";
    }

    void point(var px : int, var py : int)
    {
        x = px;
        y = py;
        tag = "xy";
    }

    void point(var t : string)
    {
        x = t.length();
        y = 0 - 1;
        tag = t;
    }

    void move(var dx : int, var dy : int)
    {
        x = x + dx;
        y = y + dy;
    }

    int sum()
    {
        return x + y;
    }

    string describe()
    {
        return tag + "(" + x + "," + y + ")";
    }
};

class named
{
    var name : string;
    var count : int;
    var log : string;

    void named(var n : string, var times : int)
    {
        var i : int;
        name = n;
        count = 0;
        log = "";
        i = 0;
        while (i < times)
        {
            bump();
            i = i + 1;
        }
    }

    void bump()
    {
        count = count + 1;
        log = log + "+";
    }

    string report()
    {
        return name + " " + count + " " + log;
    }
};

class empty
{
    string hello()
    {
        return "hi";
    }
};
