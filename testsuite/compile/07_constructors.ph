// covers: constructors with and without parameters, overloaded constructors, `new T(args)` picking the matching constructor
package .test.ctors;

class point
{
    var x : int;
    var y : int;

    void point()
    {
        x = 0;
        y = 0;
    }

    void point(var v : int)
    {
        x = v;
        y = v;
    }

    void point(var px : int, var py : int)
    {
        x = px;
        y = py;
    }

    int sum()
    {
        return x + y;
    }
};

class user
{
    void main(var boot) [8]
    {
        var a : point;
        var b : point;
        var c : point;
        a = new point();
        b = new point(5);
        c = new point(3, 4);
        if (a.sum() + b.sum() + c.sum() == 17)
            boot.16("constructors ok\n");
    }
};
