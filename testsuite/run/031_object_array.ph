// covers: arrays of user objects, calling methods on elements, null elements, an array holding mixed objects typed .internal.object[]
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var pts : point[];
        var mixed : .internal.object[];
        var p : point;
        var i : int;
        var total : int;
        out = boot;
        pts = new point[]();
        i = 0;
        while (i < 4)
        {
            pts[i] = new point(i, i * i);
            i = i + 1;
        }
        total = 0;
        i = 0;
        while (i < pts.size())
        {
            p = pts[i];
            out.16(p.describe() + "\n");
            total = total + p.sum();
            i = i + 1;
        }
        out.16("total=" + total + "\n");
        pts[6] = new point(10, 20);
        out.16("size=" + pts.size() + " pts[5] null=" + (pts[5] :== null) + " pts[6]=" + pts[6].describe() + "\n");
        mixed = new .internal.object[]();
        mixed[0] = "text";
        mixed[1] = 12;
        mixed[2] = pts[1];
        mixed[3] = null;
        out.16("mixed: " + mixed[0] + " " + mixed[1] + " same point=" + (mixed[2] :== pts[1]) + " null=" + (mixed[3] :== null) + "\n");
    }
};

class point
{
    var x : int;
    var y : int;

    void point(var px : int, var py : int)
    {
        x = px;
        y = py;
    }

    int sum()
    {
        return x + y;
    }

    string describe()
    {
        return "(" + x + "," + y + ")";
    }
};
