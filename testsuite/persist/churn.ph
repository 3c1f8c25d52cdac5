// Keeps 64 strings of 16 KiB alive and replaces them over and over:
// garbage piles up, the collector and the free lists reuse it, and
// snapshots reuse the blocks of snapshots that are no longer kept.
package .t;
class churn
{
    void run(var boot) [8]
    {
        var a : string[];
        var s : string;
        var i : int;
        var n : int;
        a = new string[]();
        s = "0123456789abcdef";
        while (i < 10)
        {
            s = s + s;
            i = i + 1;
        }
        while (1)
        {
            a[n % 64] = s + n;
            n = n + 1;
            if (n % 256 == 0)
            {
                boot.21(5);
            }
        }
    }
};
