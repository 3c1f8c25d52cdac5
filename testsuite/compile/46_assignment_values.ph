// covers: assignment as a value (a = b = 3), across stacks (int local = int field = const), assignment inside conditions
package .test.assignval;

class chain
{
    var f : int;
    var g;

    int triple()
    {
        var a : int;
        var b : int;
        var c : int;
        a = b = c = 3;
        return a + b + c;
    }

    int acrossStacks()
    {
        var x : int;
        x = f = 7;
        return x + f;
    }

    int inCondition(var v : int)
    {
        var t : int;
        if ((t = v * 2) > 10)
            return t;
        return 0;
    }

    void objects()
    {
        var o : .internal.object;
        o = g = this;
    }
};
