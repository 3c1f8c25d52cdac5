// covers: `s = s.concat(t)` and `s = s + t` append in place when only the local holds the
// string (issue 11: 200,000 appends took 24 s); whoever else holds the old string still
// sees it unchanged: another local, a field, an array, the string appended to itself
package .test;

class main
{
    var out;
    var kept : string;

    void p(var s : string) { out.16(s); }

    void run(var boot) [8]
    {
        var s : string;
        var t : string;
        var a : .internal.object[];
        var i : int;
        out = boot;

        s = "";
        i = 0;
        while (i < 20000) { s = s.concat("hello"); i = i + 1; }
        p("length " + s.length() + ", ends " + s.substring(s.length() - 7, 7) + "\n");

        s = "ab";
        t = s;
        s = s.concat("c");
        p("t = " + t + ", s = " + s + "\n");

        s = "x";
        kept = s;
        s = s + "y";
        p("field = " + kept + ", s = " + s + "\n");

        a = new .internal.object[]();
        s = "q";
        a[0] = s;
        s = s + "r";
        p("element = " + a[0] + ", s = " + s + "\n");

        s = "zz";
        s = s.concat(s);
        s = s.concat(s);
        p("doubled = " + s + "\n");
    }
};
