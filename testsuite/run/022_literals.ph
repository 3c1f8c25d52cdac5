// covers: decimal, hexadecimal (lower and upper case digits) and octal integer literals, zero, large literals
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        out = boot;
        out.16("0x10=" + 0x10 + " 0xff=" + 0xff + " 0xFF=" + 0xFF + " 0xCafe=" + 0xCafe + "\n");
        out.16("010=" + 010 + " 017=" + 017 + " 0777=" + 0777 + " 0=" + 0 + "\n");
        out.16("2147483647=" + 2147483647 + " 0x7fffffff=" + 0x7fffffff + "\n");
        out.16("0x10 + 010 + 10 = " + (0x10 + 010 + 10) + "\n");
        out.16("-0x10=" + -0x10 + "\n");
    }
};
