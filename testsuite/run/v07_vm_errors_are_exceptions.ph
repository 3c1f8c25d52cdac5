// covers: deviation V7 — errors that aborted the original VM (call on null, missing ordinal) are catchable exceptions
package .test;

class main
{
    void run(var boot) [8]
    {
        var p : point;
        var o;
        try { p.move(); }
        catch (string e) { boot.16("1: " + e + "\n"); }
        o = new point();
        try { o.40(); }
        catch (string e) { boot.16("2: " + e + "\n"); }
        boot.16("still running\n");
    }
};

class point
{
    void move() { }
};
