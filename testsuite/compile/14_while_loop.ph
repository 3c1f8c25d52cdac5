// covers: while loops, loop conditions with comparisons, int-stack locals updated in a loop, sum of a series
package .test.whileloop;

class series
{
    int sumTo(var n : int)
    {
        var i : int;
        var s : int;
        i = 1;
        s = 0;
        while (i <= n)
        {
            s = s + i;
            i = i + 1;
        }
        return s;
    }

    int countdown(var from : int)
    {
        var k : int;
        k = from;
        while (k > 0) k = k - 1;
        return k;
    }

    void main(var boot) [8]
    {
        if (sumTo(10) == 55)
            boot.16("sum ok\n");
    }
};
