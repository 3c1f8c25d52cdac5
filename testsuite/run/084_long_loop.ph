// covers: 64-bit arithmetic in a hot loop: s = (s + i*i) % 1000003 with long locals (the loop benchmark at 200,000 iterations), a long counter compared with an int bound, the sum of i*i without the modulus
package .test;

class main
{
    void run(var boot) [8]
    {
        var s : long;
        var i : long;
        var total : long;
        var n : int;
        n = 200000;
        s = 0;
        total = 0;
        i = 0;
        while (i < n)
        {
            s = (s + i * i) % 1000003;
            total = total + i * i;
            i = i + 1;
        }
        boot.16("s = " + s + "\n");
        boot.16("sum of squares = " + total + "\n");
        boot.16("i = " + i + "\n");
    }
};
