// covers: recursive methods (factorial, fibonacci, gcd with %), results of recursive calls in arithmetic
package .test.recur;

class recur
{
    int fact(var n : int)
    {
        if (n <= 1)
            return 1;
        return n * fact(n - 1);
    }

    int fib(var n : int)
    {
        if (n < 2)
            return n;
        return fib(n - 1) + fib(n - 2);
    }

    int gcd(var a : int, var b : int)
    {
        if (b == 0)
            return a;
        return gcd(b, a % b);
    }

    void main(var boot) [8]
    {
        if (fact(5) == 120 && fib(10) == 55 && gcd(48, 18) == 6)
            boot.16("recursion ok\n");
        else
            boot.16("recursion BROKEN\n");
    }
};
