// covers: float and double locals, mixed int/long/float/double arithmetic promoting to the bigger type, conversions on assignment
package .test.fp;

class fp
{
    double average(var a : int, var b : int, var c : int)
    {
        var sum : double;
        sum = a + b + c;
        return sum / 3;
    }

    float scale(var v : int)
    {
        var f : float;
        var k : .internal.float;
        f = v;
        k = 2;
        return f * k + 1;
    }

    double mixed()
    {
        var i : int;
        var l : long;
        var f : float;
        var d : double;
        i = 3;
        l = i * 1000;
        f = i;
        d = l + f;
        d = d * i - l / f;
        return d;
    }

    int truncated(var d : double)
    {
        var x : double;
        var r : int;
        x = d;
        r = x;
        return r;
    }
};
