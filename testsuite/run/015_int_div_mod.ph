// covers: integer / and % with negative operands (C semantics: truncation towards zero, remainder has the sign of the dividend)
package .test;

class main
{
    var out;

    void dm(var a : int, var b : int)
    {
        out.16(a + " / " + b + " = " + (a / b) + ", " + a + " % " + b + " = " + (a % b) + "\n");
    }

    void run(var boot) [8]
    {
        var x : int;
        out = boot;
        dm(7, 2);
        dm(-7, 2);
        dm(7, -2);
        dm(-7, -2);
        dm(6, 3);
        dm(-6, 3);
        dm(0, 5);
        dm(1, 5);
        dm(-1, 5);
        dm(100, 7);
        dm(-100, 7);
        dm(2147483647, 10);
        dm(-2147483648, 10);
        x = 12345;
        out.16("digits of " + x + ":");
        while (x > 0)
        {
            out.16(" " + x % 10);
            x = x / 10;
        }
        out.16("\n");
    }
};
