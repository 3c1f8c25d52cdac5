// covers: negative literals, unary minus on variables, fields, calls and parenthesised expressions, minus of a negative value
package .test;

class main
{
    var out;
    var f : int;

    int seven()
    {
        return 7;
    }

    void run(var boot) [8]
    {
        var x : int;
        var y : int;
        out = boot;
        x = -5;
        out.16("x=" + x + "\n");
        y = -x;
        out.16("-x=" + y + "\n");
        f = 12;
        y = -f;
        out.16("-f=" + y + "\n");
        y = -seven();
        out.16("-seven()=" + y + "\n");
        y = -(x * 3);
        out.16("-(x*3)=" + y + "\n");
        y = 10 - -3;
        out.16("10 - -3=" + y + "\n");
        y = 0 - x;
        out.16("0-x=" + y + "\n");
        y = -x - -x;
        out.16("-x - -x=" + y + "\n");
        y = -0;
        out.16("-0=" + y + "\n");
        y = -2147483647;
        y = y - 1;
        out.16("min=" + y + "\n");
        y = -y;
        out.16("-min=" + y + "\n");
    }
};
