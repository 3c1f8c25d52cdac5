// GC stress: arrays of strings built and dropped in a loop, some of them
// holding themselves or each other; strings grow by concatenation (into a
// second variable, so that every step makes a new string: `s = s + t`
// appends in place when only `s` holds the string).
package .gc;

class main
{
    void run(var boot) [8]
    {
        var round : int;
        var total : int;
        var i : int;
        var a : string[];
        var b : .internal.object[];
        var c : .internal.object[];
        var s : string;
        var t : string;
        total = 0;
        round = 0;
        while (round < 300)
        {
            a = new string[]();
            s = "";
            i = 0;
            while (i < 2000)
            {
                a[i] = "item " + i + " of round " + round + ": " + s;
                if (i % 50 == 0)
                    s = "";
                t = s + "xyz";
                s = t;
                i = i + 1;
            }
            i = 0;
            while (i < a.size())
            {
                total = total + a[i].length();
                i = i + 1;
            }
            // Two arrays holding each other and themselves.
            b = new .internal.object[]();
            c = new .internal.object[]();
            b[0] = c;
            c[0] = b;
            b[1] = b;
            c[1] = a;
            round = round + 1;
        }
        a = null;
        b = null;
        c = null;
        boot.16("strings: " + total + "\n");
    }
};
