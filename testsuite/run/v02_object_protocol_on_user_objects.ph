// covers: deviation V2 — inherited .internal.object methods (equals, toString, hashCode, getClass, clone) work on user objects
package .test;

class main
{
    void run(var boot) [8]
    {
        var a : point;
        var b : point;
        var c : point;
        a = new point();
        a.setX(3);
        b = new point();
        b.setX(3);
        boot.16(a.toString() + "\n");
        boot.16("" + a.equals(a) + " " + a.equals(b) + "\n");
        boot.16("" + (a == a) + " " + (a == b) + "\n");
        boot.16("" + (a.hashCode() == a.hashCode()) + "\n");
        boot.16(a.getClass().toString() + "\n");
        c = (point) a.clone();
        boot.16("" + c.getX() + " " + (c :== a) + "\n");
    }
};

class point extends .internal.object
{
    var x : int;
    void setX(var v : int) { x = v; }
    int getX() { return x; }
};
