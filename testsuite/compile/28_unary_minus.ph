// covers: negative literals, unary minus on variables, calls and parenthesised expressions, double negation, minus on long and double
package .test.neg;

class neg
{
    int literal()
    {
        return -5 + -0x10;
    }

    int ofVar(var v : int)
    {
        var x : int;
        x = v;
        return -x;
    }

    int ofExpr(var a : int, var b : int)
    {
        return -(a + b) * 2;
    }

    int ofCall()
    {
        return -literal();
    }

    int twice(var v : int)
    {
        var x : int;
        x = v;
        return - -x;
    }

    int wide(var v : int)
    {
        var l : long;
        var d : double;
        l = v;
        d = -l;
        return (int) -d;
    }
};
