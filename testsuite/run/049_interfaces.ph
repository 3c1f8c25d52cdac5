// covers: interfaces, classes implementing one or two interfaces, calls through interface-typed variables and arrays (implementers reach them through containers: only extends chains make a class assignable)
package .test;

class main
{
    var out;

    // The elements come out of a shape[] without a cast; a store into a
    // shape variable or parameter would be a checked cast, which fails,
    // because implementing an interface does not make a class its subclass.
    string describeAll(var shapes : shape[])
    {
        var s : shape;
        var i : int;
        var r : string;
        r = "";
        i = 0;
        while (i < shapes.size())
        {
            s = shapes[i];
            r = r + s.name() + " area " + s.area() + "\n";
            i = i + 1;
        }
        return r;
    }

    int totalArea(var shapes : shape[])
    {
        var i : int;
        var t : int;
        t = 0;
        i = 0;
        while (i < shapes.size())
        {
            t = t + shapes[i].area();
            i = i + 1;
        }
        return t;
    }

    string labels(var items : named[])
    {
        var n : named;
        n = items[0];
        return "named: " + n.label();
    }

    void run(var boot) [8]
    {
        var all : .internal.object[];
        var one : .internal.object[];
        var direct : square;
        out = boot;
        all = new .internal.object[]();
        all[0] = new square(3);
        all[1] = new circle(2);
        all[2] = new square(5);
        all[3] = new circle(1);
        out.16(describeAll(all));
        out.16("total area=" + totalArea(all) + "\n");
        one = new .internal.object[]();
        one[0] = all[0];
        out.16(labels(one) + "\n");
        direct = new square(4);
        out.16("direct: " + direct.name() + " " + direct.area() + " " + direct.label() + "\n");
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
