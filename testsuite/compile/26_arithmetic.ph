// covers: + - * / % on ints, left associativity (a - b - c), precedence of * / % over + -, parenthesised sub-expressions
package .test.arith;

class arith
{
    int ops(var a : int, var b : int)
    {
        var s : int;
        var d : int;
        var p : int;
        var q : int;
        var m : int;
        s = a + b;
        d = a - b;
        p = a * b;
        q = a / b;
        m = a % b;
        return s + d * p - q / 2 % m;
    }

    int assoc()
    {
        // (10 - 4) - 3 = 3 and (100 / 10) / 5 = 2
        return 10 - 4 - 3 + 100 / 10 / 5;
    }

    int grouped(var a : int, var b : int, var c : int)
    {
        return (a + b) * (b - c) % (a + 1);
    }

    int mean(var a : int, var b : int)
    {
        return (a + b) / 2;
    }
};
