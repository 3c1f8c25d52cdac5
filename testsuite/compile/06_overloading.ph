// covers: overloading by argument types (int, string, untyped, class), call resolution by static argument types
package .test.overload;

class over
{
    int over_calls;

    int show(var x : int)
    {
        return 1;
    }

    int show(var s : string)
    {
        return 2;
    }

    int show(var o)
    {
        return 3;
    }

    int show(var a : int, var b : int)
    {
        return 4;
    }

    int show()
    {
        return 0;
    }

    void run(var boot) [8]
    {
        var n : int;
        n = show(1) + show("s") + show(this) + show(2, 3) + show();
        if (n == 10)
            boot.16("overloads ok\n");
    }
};
