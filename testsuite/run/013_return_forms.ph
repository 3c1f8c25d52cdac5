// covers: return with a value, return; from a void method, early return from inside loops, return of strings, objects and null, returning a call result
package .test;

class main
{
    var out;
    var last : int;

    void setIfPositive(var x : int)
    {
        if (x < 0)
            return;
        last = x;
    }

    int firstMultiple(var of : int, var above : int)
    {
        var i : int;
        i = above + 1;
        while (1)
        {
            if (i % of == 0)
                return i;
            i = i + 1;
        }
        return -1;
    }

    int findInGrid(var target : int)
    {
        var i : int;
        var j : int;
        i = 0;
        while (i < 10)
        {
            j = 0;
            while (j < 10)
            {
                if (i * 10 + j == target)
                    return i * 100 + j;
                j = j + 1;
            }
            i = i + 1;
        }
        return -1;
    }

    string sign(var x : int)
    {
        if (x < 0)
            return "minus";
        if (x == 0)
            return "zero";
        return "plus";
    }

    .internal.object self()
    {
        return this;
    }

    .internal.object nothing()
    {
        return null;
    }

    int twice(var x : int)
    {
        return x * 2;
    }

    int quadruple(var x : int)
    {
        return twice(twice(x));
    }

    void run(var boot) [8]
    {
        out = boot;
        last = 7;
        setIfPositive(-5);
        out.16("last=" + last + "\n");
        setIfPositive(9);
        out.16("last=" + last + "\n");
        out.16("firstMultiple(7, 50)=" + firstMultiple(7, 50) + "\n");
        out.16("findInGrid(47)=" + findInGrid(47) + " findInGrid(500)=" + findInGrid(500) + "\n");
        out.16(sign(-2) + " " + sign(0) + " " + sign(3) + "\n");
        out.16("self is this: " + (self() :== this) + "\n");
        out.16("nothing is null: " + (nothing() :== null) + "\n");
        out.16("quadruple(5)=" + quadruple(5) + "\n");
    }
};
