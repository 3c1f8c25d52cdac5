// covers: deviation V13 — small ints (-128..1023) are boxed once: two boxes of 5 are the same reference, two of 5000 are not (equals holds for both)
package .test;

class main
{
    void run(var boot) [8]
    {
        var a : .internal.object;
        var b : .internal.object;
        var c : .internal.object;
        var d : .internal.object;
        a = 5;
        b = 5;
        c = 5000;
        d = 5000;
        boot.16("" + (a :== b) + " " + (c :== d) + " " + a.equals(b) + " " + c.equals(d) + "\n");
    }
};
