// covers: deviation V3 — one null: a never-assigned field, a fresh local and `null` are the same reference
package .test;

class main
{
    var never;

    void run(var boot) [8]
    {
        var fresh;
        var s : string;
        boot.16("" + (never :== null) + " " + (fresh :== null) + " " + (never :== fresh) + "\n");
        s = null;
        boot.16("" + (s :== null) + " " + (s :!= null) + "\n");
    }
};
