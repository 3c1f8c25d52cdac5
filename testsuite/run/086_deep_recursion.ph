// covers: recursion 10000 frames deep (sum 1..n, list length), recursion returning strings, tail position calls
package .test;

class main
{
    var out;

    int sumTo(var n : int)
    {
        if (n == 0)
            return 0;
        return n + sumTo(n - 1);
    }

    int countDown(var n : int, var acc : int)
    {
        if (n == 0)
            return acc;
        return countDown(n - 1, acc + 2);
    }

    string repeat(var s : string, var n : int)
    {
        if (n == 0)
            return "";
        return s + repeat(s, n - 1);
    }

    int power(var base : int, var e : int)
    {
        var half : int;
        if (e == 0)
            return 1;
        half = power(base, e / 2);
        if (e % 2 == 0)
            return half * half;
        return half * half * base;
    }

    void run(var boot) [8]
    {
        out = boot;
        out.16("sumTo(100)=" + sumTo(100) + "\n");
        out.16("sumTo(10000)=" + sumTo(10000) + "\n");
        out.16("countDown(10000, 0)=" + countDown(10000, 0) + "\n");
        out.16("repeat(ab, 5)=" + repeat("ab", 5) + " length of repeat(xyz, 1000)=" + repeat("xyz", 1000).length() + "\n");
        out.16("power(3, 13)=" + power(3, 13) + " power(2, 30)=" + power(2, 30) + " power(7, 0)=" + power(7, 0) + "\n");
    }
};
