// covers: explicit numeric casts (int)/(long)/(float)/(double) between all widths, casting a whole expression, cast of an object to int
package .test.ncast;

class ncast
{
    int roundTrip(var v : int)
    {
        var l : long;
        var f : float;
        var d : double;
        l = (long) v;
        f = (float) l;
        d = (double) f;
        return (int) d;
    }

    long product(var a : int, var b : int)
    {
        return (long) a * b;
    }

    double ratio(var a : int, var b : int)
    {
        var x : double;
        x = (double) a;
        return x / b;
    }

    int fromObject(var o : .internal.int)
    {
        return (int) o;
    }

    float narrow(var d : double)
    {
        var x : double;
        x = d;
        return (float) x;
    }
};
