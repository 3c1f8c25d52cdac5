// covers: + with a string operand concatenates (numbers converted by toString), left-to-right grouping ("a" + 1 + 2 vs 1 + 2 + "a"), concat(), long and double operands, objects with and without toString
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var s : string;
        var l : long;
        var d : double;
        var i : int;
        var b : box;
        out = boot;
        s = "a" + 1 + 2;
        out.16(s + "\n");
        s = 1 + 2 + "a";
        out.16(s + "\n");
        s = "a" + (1 + 2);
        out.16(s + "\n");
        s = "x".concat("y").concat("z");
        out.16(s + "\n");
        s = "" + -42;
        out.16(s + " has length " + s.length() + "\n");
        l = 1000000;
        l = l * l;
        out.16("long " + l + "\n");
        d = 1;
        d = d / 4;
        out.16("double " + d + "\n");
        i = 7;
        out.16(i + " + " + i + " = " + (i + i) + "\n");
        b = new box(3);
        out.16("box: " + b + "\n");
        out.16(b + " first\n");
        s = "";
        i = 0;
        while (i < 5)
        {
            s = s + i;
            i = i + 1;
        }
        out.16("built: " + s + "\n");
        s = "abc";
        s = s + s;
        s = s + s;
        out.16(s + " " + s.length() + "\n");
    }
};

class box
{
    var v : int;

    void box(var x : int)
    {
        v = x;
    }

    string toString()
    {
        return "box(" + v + ")";
    }
};
