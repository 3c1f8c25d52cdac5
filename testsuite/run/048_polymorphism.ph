// covers: virtual dispatch over an array of objects of different subclasses, a base method calling an overridden method (template method), overriding only some methods
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var shapes : shape[];
        var s : shape;
        var i : int;
        var total : int;
        out = boot;
        shapes = new shape[]();
        shapes[0] = new rect(2, 3);
        shapes[1] = new square(4);
        shapes[2] = new tri(6, 5);
        shapes[3] = new shape();
        total = 0;
        i = 0;
        while (i < shapes.size())
        {
            s = shapes[i];
            out.16(s.report() + "\n");
            total = total + s.area();
            i = i + 1;
        }
        out.16("total area=" + total + "\n");
    }
};

class shape
{
    string name()
    {
        return "shape";
    }

    int area()
    {
        return 0;
    }

    int corners()
    {
        return 0;
    }

    string report()
    {
        return name() + ": area " + area() + ", corners " + corners();
    }
};

class rect extends shape
{
    var w : int;
    var h : int;

    void rect()
    {
        w = 1;
        h = 1;
    }

    void rect(var a : int, var b : int)
    {
        w = a;
        h = b;
    }

    string name()
    {
        return "rect";
    }

    int area()
    {
        return w * h;
    }

    int corners()
    {
        return 4;
    }
};

class square extends rect
{
    void square(var side : int)
    {
        w = side;
        h = side;
    }

    string name()
    {
        return "square";
    }
};

class tri extends shape
{
    var b : int;
    var h : int;

    void tri(var base : int, var height : int)
    {
        b = base;
        h = height;
    }

    string name()
    {
        return "triangle";
    }

    int area()
    {
        return b * h / 2;
    }

    int corners()
    {
        return 3;
    }
};
