// covers: checked casts of objects: downcast to the real class and to an intermediate class, upcast by assignment, cast from .internal.object and from untyped values, string casts
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var b : base;
        var m : middle;
        var l : leaf;
        var o : .internal.object;
        var u;
        var s : string;
        out = boot;
        l = new leaf();
        b = l;
        out.16("as base: " + b.kind() + "\n");
        m = (middle) b;
        out.16("as middle: " + m.kind() + " " + m.mid() + "\n");
        l = (leaf) b;
        out.16("back to leaf: " + l.kind() + " " + l.only() + "\n");
        o = l;
        b = (base) o;
        out.16("from object: " + b.kind() + "\n");
        u = new middle();
        m = (.test.middle) u;
        out.16("from untyped: " + m.kind() + "\n");
        o = "text";
        s = (string) o;
        out.16("string cast: " + s + " " + s.length() + "\n");
        m = new middle();
        b = m;
        out.16("middle as base: " + b.kind() + "\n");
    }
};

class base
{
    string kind()
    {
        return "base";
    }
};

class middle extends base
{
    string kind()
    {
        return "middle";
    }

    string mid()
    {
        return "mid";
    }
};

class leaf extends middle
{
    string kind()
    {
        return "leaf";
    }

    string only()
    {
        return "only";
    }
};
