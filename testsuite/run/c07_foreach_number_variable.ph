// covers: foreach with an int, long or double loop variable: each element is unboxed into
// it (the back end once refused the program with an error that had no code); `continue`
// still moves to the next element; an element that is not a number throws
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var a : int[];
        var n : int;
        var sum : int;
        var l : .internal.long;
        var big : .internal.long;
        var d : .internal.double;
        var mixed : .internal.object[];
        out = boot;
        a = new int[]();
        a[0] = 3; a[1] = 4; a[2] = 5;
        sum = 0;
        foreach (n in a) {
            if (n == 4) continue;
            sum = sum + n;
        }
        out.16("sum without 4: " + sum + "\n");
        big = 0;
        foreach (l in a) { big = big + l * 1000000000; }
        out.16("long total: " + big + "\n");
        foreach (d in a) { out.16("half " + (d / 2) + "\n"); }
        mixed = new .internal.object[]();
        mixed[0] = 1;
        mixed[1] = "two";
        try {
            foreach (n in mixed) { out.16("element " + n + "\n"); }
        } catch (string e) {
            out.16("caught: " + e + "\n");
        }
    }
};
