// covers: 32-bit wrap-around of int +, - and *, the extreme values, hex literals with the top bit set
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var max : int;
        var min : int;
        var x : int;
        var i : int;
        out = boot;
        max = 2147483647;
        min = -2147483648;
        out.16("max=" + max + " min=" + min + "\n");
        x = max + 1;
        out.16("max+1=" + x + "\n");
        x = min - 1;
        out.16("min-1=" + x + "\n");
        x = max * 2;
        out.16("max*2=" + x + "\n");
        x = 65536 * 65536;
        out.16("65536*65536=" + x + "\n");
        x = 100000 * 100000;
        out.16("100000*100000=" + x + "\n");
        x = 0xFFFFFFFF;
        out.16("0xFFFFFFFF=" + x + "\n");
        x = 0x80000000;
        out.16("0x80000000=" + x + "\n");
        x = min + max;
        out.16("min+max=" + x + "\n");
        // doubling 1 thirty-one times reaches min, once more gives 0
        x = 1;
        i = 0;
        while (i < 31)
        {
            x = x * 2;
            i = i + 1;
        }
        out.16("2^31=" + x + "\n");
        x = x * 2;
        out.16("2^32=" + x + "\n");
        // 3^21 wraps
        x = 1;
        i = 0;
        while (i < 21)
        {
            x = x * 3;
            i = i + 1;
        }
        out.16("3^21=" + x + "\n");
    }
};
