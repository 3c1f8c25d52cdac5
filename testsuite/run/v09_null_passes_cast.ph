// covers: deviation V9 — null passes a checked cast; an unrelated object does not
package .test;

class main
{
    void run(var boot) [8]
    {
        var o;
        var p : point;
        o = null;
        p = (point) o;
        boot.16("" + (p :== null) + "\n");
        o = "text";
        try { p = (point) o; }
        catch (string e) { boot.16(e + "\n"); }
    }
};

class point
{
    var x;
};
