// covers: long and double comparisons, conversions in conditions, double division results cast back to int, hex into long
package .test.ldmath;

class ldmath
{
    int bigger(var a : int)
    {
        var l : long;
        var d : double;
        l = a;
        l = l * 0x10000;
        d = l;
        if (d > l - 1 && l >= a)
            return 1;
        return 0;
    }

    int percent(var part : int, var whole : int)
    {
        var d : double;
        d = part;
        d = d * 100 / whole;
        return (int) d;
    }

    double half(var v : int)
    {
        var f : float;
        f = v;
        return f / 2;
    }
};
