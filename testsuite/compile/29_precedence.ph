// covers: all precedence levels in one expression: cast < ! < ||/&& < comparisons < :== < + - < * / % < | & ~, assignment as operand
package .test.prec;

class prec
{
    int mix(var a : int, var b : int, var c : int)
    {
        var x : int;
        var y : int;
        x = a;
        y = b;
        // || and && share one level, left to right: ((x + y * 2 > c) || (x == y)) && (c != 0)
        return x + y * 2 > c || x == y && c != 0;
    }

    int layered(var a : int)
    {
        var x : int;
        x = a;
        // 1 + ((2 | x) * 3) < 100
        return 1 + 2 | x * 3 < 100;
    }

    int refLevel(var o, var p)
    {
        return o :== p == 0;
    }

    long castAll(var a : int, var b : int)
    {
        // the cast covers the whole expression: (long)(a * b + 1)
        return (long) a * b + 1;
    }

    int assignOperand(var a : int)
    {
        var t : int;
        // a + (t = 3)
        return a + t = 3;
    }
};
