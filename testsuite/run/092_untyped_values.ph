// covers: untyped fields, locals and arguments holding strings, numbers and objects; ordinal calls on them; untyped values passed to typed parameters and concatenated
package .test;

class main
{
    var out;
    var anything;

    string describe(var x)
    {
        return "<" + x + ">";
    }

    int twice(var n : int)
    {
        return n * 2;
    }

    void run(var boot) [8]
    {
        var u;
        var v;
        var p : pair;
        out = boot;
        u = "text";
        out.16(describe(u) + " length by ordinal " + u.11() + "\n");
        u = 21;
        out.16(describe(u) + " twice " + twice(u) + "\n");
        p = new pair("left", "right");
        u = p;
        out.16(describe(u.20()) + " " + describe(u.21()) + "\n");
        anything = p;
        v = anything;
        out.16("same object: " + (v :== p) + "\n");
        anything = "field";
        out.16("field now " + anything + "\n");
        v = null;
        out.16("v is null: " + (v :== null) + "\n");
    }
};

class pair
{
    var a : string;
    var b : string;

    void pair(var x : string, var y : string)
    {
        a = x;
        b = y;
    }

    string first() [20]
    {
        return a;
    }

    string second() [21]
    {
        return b;
    }
};
