// GC stress: binary trees whose nodes point back at their parents (so
// every tree is one big cycle that reference counting cannot free), built
// and dropped over and over; each node carries a fresh string.
package .gc;

class main
{
    var pad : string;

    void run(var boot) [8]
    {
        var round : int;
        var t : tnode;
        var nodes : int;
        var chars : int;
        pad = "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789";
        nodes = 0;
        chars = 0;
        round = 0;
        while (round < 160)
        {
            t = build(null, 12);
            nodes = nodes + t.count();
            chars = chars + t.chars();
            round = round + 1;
        }
        t = null;
        boot.16("trees: " + nodes + " nodes, " + chars + " chars\n");
    }

    tnode build(var parent : tnode, var depth : int)
    {
        var n : tnode;
        n = new tnode(parent, pad + depth);
        if (depth > 0)
        {
            n.setChildren(build(n, depth - 1), build(n, depth - 1));
        }
        return n;
    }
};

class tnode
{
    var parent : tnode;
    var left : tnode;
    var right : tnode;
    var data : string;

    void tnode(var p : tnode, var d : string)
    {
        parent = p;
        data = d;
        left = null;
        right = null;
    }

    void setChildren(var l : tnode, var r : tnode)
    {
        left = l;
        right = r;
    }

    int count()
    {
        var c : int;
        c = 1;
        if (!(left :== null))
            c = c + left.count();
        if (!(right :== null))
            c = c + right.count();
        return c;
    }

    int chars()
    {
        var c : int;
        c = data.length();
        if (!(left :== null))
            c = c + left.chars();
        if (!(right :== null))
            c = c + right.chars();
        return c;
    }
};
