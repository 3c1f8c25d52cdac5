// covers: fields of every kind (int, long, float, double, string, array, object, untyped, C-style declarations), read back after assignment, updated in place, independent per object
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var h : holder;
        var h2 : holder;
        out = boot;
        h = new holder();
        h2 = new holder();
        out.16(h.dump() + "\n");
        h.update();
        out.16(h.dump() + "\n");
        out.16(h2.dump() + "\n");
    }
};

class holder
{
    var i : int;
    var l : long;
    var f : float;
    var d : double;
    var s : string;
    var a : int[];
    var o : .internal.object;
    var u;
    int cstyle;
    string cname;

    void holder()
    {
        i = 1;
        l = 1000000;
        l = l * l;
        f = 1;
        f = f / 2;
        d = 1;
        d = d / 8;
        s = "s";
        a = new int[]();
        a[0] = 7;
        o = this;
        u = "u";
        cstyle = 5;
        cname = "c";
    }

    void update()
    {
        i = i + 41;
        l = l + 1;
        f = f * 3;
        d = d + i;
        s = s + s + s;
        a[1] = a[0] * 2;
        o = "other";
        u = 99;
        cstyle = cstyle * cstyle;
        cname = cname + "name";
    }

    string dump()
    {
        return "i=" + i + " l=" + l + " f=" + f + " d=" + d + " s=" + s + " a.size=" + a.size() + " o is this=" + (o :== this) + " u=" + u + " cstyle=" + cstyle + " cname=" + cname;
    }
};
