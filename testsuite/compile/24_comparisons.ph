// covers: == != < > <= >= on int locals (int stack), on int fields/arguments (object stack), comparison results stored in ints
package .test.cmp;

class compare
{
    var limit : int;

    int all(var a : int, var b : int)
    {
        var x : int;
        var y : int;
        var r : int;
        x = a;
        y = b;
        r = 0;
        if (x == y) r = r + 1;
        if (x != y) r = r + 2;
        if (x < y) r = r + 4;
        if (x > y) r = r + 8;
        if (x <= y) r = r + 16;
        if (x >= y) r = r + 32;
        return r;
    }

    int againstField(var v : int)
    {
        var less : int;
        less = v < limit;
        if (limit == 10)
            return less;
        return v != limit;
    }
};
