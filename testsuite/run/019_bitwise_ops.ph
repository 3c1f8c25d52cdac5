// covers: | and & on ints, postfix ~ (bitwise not), masks on negative numbers, bit tests in a loop
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var a : int;
        var b : int;
        var x : int;
        var bits : int;
        var s : string;
        out = boot;
        a = 12;
        b = 10;
        out.16("12|10=" + (a | b) + " 12&10=" + (a & b) + "\n");
        out.16("12~=" + (a ~) + " 0~=" + (0 ~) + " -1~=" + (-1 ~) + "\n");
        out.16("-1&255=" + (-1 & 255) + "\n");
        out.16("0xF0|0x0F=" + (0xF0 | 0x0F) + "\n");
        out.16("0x12345678&0xFFFF=" + (0x12345678 & 0xFFFF) + "\n");
        x = -8;
        out.16("-8&7=" + (x & 7) + " -8|7=" + (x | 7) + "\n");
        out.16("a&b~=" + (a & b ~) + "\n");
        // count the set bits of 0xB5 (1011 0101)
        x = 0xB5;
        bits = 0;
        s = "";
        while (x != 0)
        {
            if (x & 1)
            {
                bits = bits + 1;
                s = "1" + s;
            }
            else
                s = "0" + s;
            x = x / 2;
        }
        out.16("0xB5 = " + s + " has " + bits + " bits\n");
        out.16("1|2|4|8=" + (1 | 2 | 4 | 8) + "\n");
        out.16("0x7FFFFFFF&-2=" + (0x7FFFFFFF & -2) + "\n");
    }
};
