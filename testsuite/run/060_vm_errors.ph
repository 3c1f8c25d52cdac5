// covers: errors raised by the VM as catchable string exceptions: integer division by zero (message "division by zero"), % by zero, array index out of range, failed object cast, substring and charAt out of range
package .test;

class main
{
    var out;

    int divide(var a : int, var b : int)
    {
        return a / b;
    }

    string tryDivide(var a : int, var b : int)
    {
        try
        {
            return "" + divide(a, b);
        }
        catch (string e)
        {
            return "caught: " + e;
        }
        return "unreachable";
    }

    string tryRem(var a : int, var b : int)
    {
        var r : int;
        try
        {
            r = a % b;
            return "" + r;
        }
        catch (string e)
        {
            return "caught remainder by zero";
        }
        return "unreachable";
    }

    string tryIndex(var i : int)
    {
        var a : int[];
        a = new int[]();
        a[0] = 10;
        a[1] = 11;
        a[2] = 12;
        try
        {
            return "a[" + i + "]=" + a[i];
        }
        catch (string e)
        {
            return "caught bad index " + i;
        }
        return "unreachable";
    }

    string tryCast(var o : .internal.object)
    {
        var p : point;
        try
        {
            p = (point) o;
            return "cast ok " + p.get();
        }
        catch (string e)
        {
            return "caught failed cast";
        }
        return "unreachable";
    }

    string trySubstring(var i : int)
    {
        try
        {
            return "[" + "hello".substring(i, 2) + "]";
        }
        catch (string e)
        {
            return "caught substring(" + i + ")";
        }
        return "unreachable";
    }

    string tryCharAt(var i : int)
    {
        try
        {
            return "charAt=" + "abc".charAt(i);
        }
        catch (string e)
        {
            return "caught charAt(" + i + ")";
        }
        return "unreachable";
    }

    void run(var boot) [8]
    {
        out = boot;
        out.16(tryDivide(10, 3) + "\n");
        out.16(tryDivide(10, 0) + "\n");
        out.16(tryRem(10, 3) + "\n");
        out.16(tryRem(10, 0) + "\n");
        out.16(tryIndex(2) + "\n");
        out.16(tryIndex(3) + "\n");
        out.16(tryIndex(100) + "\n");
        out.16(tryCast(new point(4)) + "\n");
        out.16(tryCast("not a point") + "\n");
        out.16(tryCast(new other()) + "\n");
        out.16(trySubstring(3) + "\n");
        out.16(trySubstring(5) + "\n");
        out.16(tryCharAt(2) + "\n");
        out.16(tryCharAt(3) + "\n");
        out.16("end\n");
    }
};

class point
{
    var v : int;

    void point(var x : int)
    {
        v = x;
    }

    int get()
    {
        return v;
    }
};

class other
{
    int get()
    {
        return -1;
    }
};
