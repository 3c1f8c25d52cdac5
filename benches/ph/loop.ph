// loop: for i in 0..20,000,000: s = (s + i*i) % 1000003 with 64-bit (long) integers; checksum = 926193
package .bench;

class loop
{
    void run(var boot) [8]
    {
        var s : long;
        var i : long;
        var n : long;
        n = 20000000;
        s = 0;
        i = 0;
        while (i < n)
        {
            s = (s + i * i) % 1000003;
            i = i + 1;
        }
        boot.16("" + s + "\n");
    }
};
