// covers: recursion: naive recursive Fibonacci for 0..20, the same with an iterative loop and a memo array, mutual recursion (isEven/isOdd)
package .test;

class main
{
    var out;
    var memo : int[];

    int fib(var n : int)
    {
        if (n < 2)
            return n;
        return fib(n - 1) + fib(n - 2);
    }

    int fibIter(var n : int)
    {
        var a : int;
        var b : int;
        var t : int;
        var i : int;
        a = 0;
        b = 1;
        i = 0;
        while (i < n)
        {
            t = a + b;
            a = b;
            b = t;
            i = i + 1;
        }
        return a;
    }

    int fibMemo(var n : int)
    {
        var v : int;
        if (n < 2)
            return n;
        if (memo[n] :!= null)
            return memo[n];
        v = fibMemo(n - 1) + fibMemo(n - 2);
        memo[n] = v;
        return v;
    }

    int isEven(var n : int)
    {
        if (n == 0)
            return 1;
        return isOdd(n - 1);
    }

    int isOdd(var n : int)
    {
        if (n == 0)
            return 0;
        return isEven(n - 1);
    }

    void run(var boot) [8]
    {
        var i : int;
        var line : string;
        out = boot;
        line = "";
        i = 0;
        while (i <= 20)
        {
            line = line + fib(i) + " ";
            i = i + 1;
        }
        out.16(line + "\n");
        out.16("fibIter(40)=" + fibIter(40) + " fibIter(46)=" + fibIter(46) + "\n");
        memo = new int[]();
        // slots 0..49 are skipped over and read back as null
        memo[50] = 0;
        out.16("fibMemo(45)=" + fibMemo(45) + "\n");
        out.16("isEven(10)=" + isEven(10) + " isEven(7)=" + isEven(7) + " isOdd(7)=" + isOdd(7) + "\n");
    }
};
