// covers: Euclid's gcd (recursive and iterative), lcm, primality by trial division, the first 25 primes, a small sieve of Eratosthenes, prime factorisation
package .test;

class main
{
    var out;

    int gcd(var a : int, var b : int)
    {
        if (b == 0)
            return a;
        return gcd(b, a % b);
    }

    int gcdLoop(var a : int, var b : int)
    {
        var t : int;
        while (b != 0)
        {
            t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    int isPrime(var n : int)
    {
        var d : int;
        if (n < 2)
            return 0;
        d = 2;
        while (d * d <= n)
        {
            if (n % d == 0)
                return 0;
            d = d + 1;
        }
        return 1;
    }

    string factor(var n : int)
    {
        var s : string;
        var d : int;
        s = "";
        d = 2;
        while (n > 1)
        {
            if (n % d == 0)
            {
                if (s.length() > 0)
                    s = s + "*";
                s = s + d;
                n = n / d;
            }
            else
                d = d + 1;
        }
        return s;
    }

    void run(var boot) [8]
    {
        var i : int;
        var count : int;
        var line : string;
        var sieve : int[];
        var j : int;
        out = boot;
        out.16("gcd(48,36)=" + gcd(48, 36) + " gcd(17,5)=" + gcd(17, 5) + " gcd(0,9)=" + gcd(0, 9) + " gcdLoop(1071,462)=" + gcdLoop(1071, 462) + "\n");
        out.16("lcm(4,6)=" + (4 * 6 / gcd(4, 6)) + " lcm(21,6)=" + (21 * 6 / gcd(21, 6)) + "\n");
        line = "";
        count = 0;
        i = 0;
        while (count < 25)
        {
            if (isPrime(i))
            {
                line = line + i + " ";
                count = count + 1;
            }
            i = i + 1;
        }
        out.16(line + "\n");
        sieve = new int[]();
        i = 0;
        while (i < 1000)
        {
            sieve[i] = 0;
            i = i + 1;
        }
        i = 2;
        while (i * i < 1000)
        {
            if (sieve[i] == 0)
            {
                j = i * i;
                while (j < 1000)
                {
                    sieve[j] = 1;
                    j = j + i;
                }
            }
            i = i + 1;
        }
        count = 0;
        i = 2;
        while (i < 1000)
        {
            if (sieve[i] == 0)
                count = count + 1;
            i = i + 1;
        }
        out.16("primes below 1000: " + count + "\n");
        out.16("360=" + factor(360) + " 97=" + factor(97) + " 1001=" + factor(1001) + " 65536=" + factor(65536) + "\n");
    }
};
