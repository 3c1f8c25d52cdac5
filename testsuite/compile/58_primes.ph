// covers: prime sieve over an int array, % operator, nested loops with early exit, counting results
package .test.primes;

class primes
{
    int count(var limit : int)
    {
        var sieve : int[];
        var i : int;
        var j : int;
        var n : int;
        sieve = new int[]();
        i = 0;
        while (i <= limit) { sieve[i] = 1; i = i + 1; }
        i = 2;
        n = 0;
        while (i <= limit)
        {
            if (sieve[i] == 1)
            {
                n = n + 1;
                j = i * i;
                while (j <= limit) { sieve[j] = 0; j = j + i; }
            }
            i = i + 1;
        }
        return n;
    }

    int isPrime(var v : int)
    {
        var d : int;
        if (v < 2) return 0;
        d = 2;
        while (d * d <= v)
        {
            if (v % d == 0) return 0;
            d = d + 1;
        }
        return 1;
    }

    void main(var boot) [8]
    {
        if (count(100) == 25 && isPrime(97))
            boot.16("primes ok\n");
    }
};
