// Sleeps 3 s, then keeps 4 MiB of new strings: snapshots after that
// need a larger image file.
package .t;
class grow
{
    void run(var boot) [8]
    {
        var a : string[];
        var s : string;
        var i : int;
        boot.16("small\n");
        boot.21(3000);
        a = new string[]();
        s = "0123456789abcdef";
        while (i < 10)
        {
            s = s + s;
            i = i + 1;
        }
        i = 0;
        while (i < 256)
        {
            a[i] = s + i;
            i = i + 1;
        }
        boot.16("grown\n");
        while (1)
        {
            boot.21(1000);
        }
    }
};
