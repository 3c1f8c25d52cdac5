// covers: long locals and fields, int to long promotion in mixed expressions, products beyond 32 bits, long / and % with negatives, long comparisons, factorial 20
package .test;

class main
{
    var out;
    var big : long;

    long fact(var n : int)
    {
        var r : long;
        var i : int;
        r = 1;
        i = 2;
        while (i <= n)
        {
            r = r * i;
            i = i + 1;
        }
        return r;
    }

    void run(var boot) [8]
    {
        var l : long;
        var m : long;
        var i : int;
        out = boot;
        l = 2147483647;
        l = l + 1;
        out.16("2147483647+1=" + l + "\n");
        l = 1000000;
        m = l * l;
        out.16("10^6*10^6=" + m + "\n");
        m = m * 1000;
        out.16("10^15=" + m + "\n");
        out.16("10^15/7=" + (m / 7) + " 10^15%7=" + (m % 7) + "\n");
        l = 0 - m;
        out.16("-10^15/7=" + (l / 7) + " -10^15%7=" + (l % 7) + "\n");
        i = 3;
        l = i;
        l = l - 10;
        out.16("3-10=" + l + "\n");
        big = 2000000000;
        big = big * 2;
        out.16("big field=" + big + "\n");
        big = 65536;
        big = big * 65536 * 2;
        out.16("65536*65536*2=" + big + "\n");
        out.16("big>m " + (big > m) + " big<m " + (big < m) + "\n");
        out.16("20!=" + fact(20) + "\n");
        out.16("13!=" + fact(13) + "\n");
        l = fact(20) / fact(18);
        out.16("20!/18!=" + l + "\n");
        if (l == 380)
            out.16("l == 380\n");
        if (l != 381)
            out.16("l != 381\n");
    }
};
