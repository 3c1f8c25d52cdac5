// covers: the inherited .internal.object methods on user objects that do not define them: toString gives the class name, equals and == compare identity, hashCode can be called
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var a : plain;
        var b : plain;
        var c : plain;
        var o : .internal.object;
        var h : int;
        out = boot;
        a = new plain();
        b = new plain();
        c = a;
        out.16("toString: " + a.toString() + "\n");
        out.16("concat: " + b + "\n");
        out.16("main: " + this + "\n");
        out.16("a.equals(a)=" + a.equals(a) + " a.equals(b)=" + a.equals(b) + " a.equals(c)=" + a.equals(c) + "\n");
        out.16("a == b " + (a == b) + ", a == c " + (a == c) + ", a != b " + (a != b) + "\n");
        o = a;
        out.16("o == a " + (o == a) + ", o :== a " + (o :== a) + "\n");
        h = a.hashCode();
        out.16("hashCode called\n");
    }
};

class plain
{
    var v : int;
};
