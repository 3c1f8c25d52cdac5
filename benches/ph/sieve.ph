// sieve: primes below 2,000,000 with an array of ints (0 = maybe prime, 1 = composite), repeated 3 times; checksum = sum of the counts = 446799
package .bench;

class sieve
{
    int count(var n : int)
    {
        var a : int[];
        var i : int;
        var j : int;
        var c : int;
        a = new int[]();
        i = 0;
        while (i < n)
        {
            a[i] = 0;
            i = i + 1;
        }
        i = 2;
        while (i * i < n)
        {
            if (a[i] == 0)
            {
                j = i * i;
                while (j < n)
                {
                    a[j] = 1;
                    j = j + i;
                }
            }
            i = i + 1;
        }
        c = 0;
        i = 2;
        while (i < n)
        {
            if (a[i] == 0)
                c = c + 1;
            i = i + 1;
        }
        return c;
    }

    void run(var boot) [8]
    {
        var total : int;
        var r : int;
        total = 0;
        r = 0;
        while (r < 3)
        {
            total = total + count(2000000);
            r = r + 1;
        }
        boot.16("" + total + "\n");
    }
};
