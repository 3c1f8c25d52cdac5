// covers: interfaces, classes implementing one or two interfaces, calls through interface-typed parameters (objects passed through untyped variables, since only extends chains make a class assignable)
package .test;

class main
{
    var out;

    string describe(var s : shape)
    {
        return s.name() + " area " + s.area();
    }

    string tag(var n : named)
    {
        return "named: " + n.label();
    }

    int areaOf(var s : shape)
    {
        return s.area();
    }

    void run(var boot) [8]
    {
        var sq;
        var c;
        var x;
        var all : .internal.object[];
        var i : int;
        var sum : int;
        var direct : square;
        out = boot;
        sq = new square(3);
        c = new circle(2);
        out.16(describe(sq) + "\n");
        out.16(describe(c) + "\n");
        out.16(tag(sq) + "\n");
        direct = new square(4);
        out.16("direct: " + direct.name() + " " + direct.area() + " " + direct.label() + "\n");
        all = new .internal.object[]();
        all[0] = sq;
        all[1] = new circle(1);
        all[2] = new square(5);
        sum = 0;
        i = 0;
        while (i < all.size())
        {
            x = all[i];
            sum = sum + areaOf(x);
            i = i + 1;
        }
        out.16("sum of areas=" + sum + "\n");
    }
};

interface shape
{
    int area();
    string name();
};

interface named
{
    string label() [30];
};

class square implements shape implements named
{
    var side : int;

    void square(var s : int)
    {
        side = s;
    }

    string name()
    {
        return "square";
    }

    int area()
    {
        return side * side;
    }

    string label()
    {
        return "square of side " + side;
    }
};

class circle implements shape
{
    var r : int;

    void circle(var radius : int)
    {
        r = radius;
    }

    int area()
    {
        // pi taken as 3
        return 3 * r * r;
    }

    string name()
    {
        return "circle";
    }
};
