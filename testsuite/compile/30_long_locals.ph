// covers: long locals (two int-stack slots), int to long conversion on assignment, long arithmetic, long comparisons, returning a long
package .test.longs;

class big
{
    long factorial(var n : int)
    {
        var r : long;
        var i : int;
        r = 1;
        i = 2;
        while (i <= n)
        {
            r = r * i;
            i = i + 1;
        }
        return r;
    }

    int overflows(var n : int)
    {
        var l : long;
        var limit : long;
        l = factorial(n);
        limit = 0x7FFFFFFF;
        return l > limit;
    }

    long mixed(var a : int)
    {
        var l : .internal.long;
        var x : int;
        x = a;
        l = x;
        l = l * 1000 + x - l / 3 % 7;
        return l;
    }
};
