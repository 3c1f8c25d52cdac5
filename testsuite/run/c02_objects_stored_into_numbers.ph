// covers: storing an `.internal.object` or an untyped value into an int, long or double
// variable, field or result, and an untyped value into an argument, converts it with a run-time check (language.md
// §7.4), as the original's `itemp = jtmp.get("temp")` with `itemp : .internal.long` needs;
// a value that is not a number throws, and the program goes on
package .test;

import .phantom.util.hashmap;

class main
{
    var out;
    var lf : .internal.long;
    var df : .internal.double;

    void p(var s : string) { out.16(s); }

    .internal.object anything(var v : .internal.object) { return v; }

    int half(var n : int) { return n / 2; }

    int asInt(var v : .internal.object) { return v; }

    void run(var boot) [8]
    {
        var m : hashmap;
        var i : int;
        var l : .internal.long;
        var d : .internal.double;
        var u;
        var big : .internal.long;

        out = boot;
        m = new hashmap();
        m.put("temp", 21);

        i = m.get("temp");
        p("int from map: " + (i + 1) + "\n");

        l = m.get("temp");
        p("long from an int object: " + (l * 1000000000) + "\n");

        lf = m.get("temp");
        p("long field: " + lf + "\n");

        d = anything(7);
        p("double from an int object: " + (d / 2) + "\n");

        df = anything(3);
        p("double field: " + (df * 3 / 2) + "\n");

        big = 3;
        big = big * 1000000000;
        u = big;
        l = u;
        p("untyped long stays whole: " + l + "\n");

        u = anything(9);
        p("untyped argument: " + half(u) + "\n");
        p("result: " + (asInt(40) + 2) + "\n");

        try {
            i = anything("not a number");
            p("no exception (wrong)\n");
        } catch (string e) {
            p("caught: " + e + "\n");
        }
        p("done\n");
    }
};
