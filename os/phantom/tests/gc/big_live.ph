// GC stress with a large live set: about 36 MiB of strings stay reachable
// while rings of garbage are built and dropped. The collector runs when
// as much was allocated as is live, which is too late for a 64 MiB heap:
// an allocation fails first, and must be served by a collection then.
package .gc;

class main
{
    void run(var boot) [8]
    {
        var keep : string[];
        var chunk : string;
        var s : string;
        var i : int;
        var round : int;
        var first : rnode;
        var cur : rnode;
        var k : int;
        var total : int;
        chunk = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        chunk = chunk + chunk + chunk + chunk;
        chunk = chunk + chunk + chunk + chunk;
        keep = new string[]();
        i = 0;
        while (i < 9000)
        {
            s = chunk + i;
            s = s + s + s + s;
            keep[i] = s;
            i = i + 1;
        }
        total = 0;
        round = 0;
        while (round < 400)
        {
            first = new rnode(chunk + round);
            cur = first;
            k = 1;
            while (k < 200)
            {
                cur.setNext(new rnode(chunk + k));
                cur = cur.getNext();
                k = k + 1;
            }
            cur.setNext(first);
            total = total + k;
            round = round + 1;
        }
        first = null;
        cur = null;
        i = 0;
        k = 0;
        while (i < keep.size())
        {
            k = k + keep[i].length();
            i = i + 1;
        }
        boot.16("big live: " + k + " chars kept, " + total + " nodes\n");
    }
};

class rnode
{
    var data : string;
    var next : rnode;

    void rnode(var d : string)
    {
        data = d;
        next = null;
    }

    void setNext(var n : rnode)
    {
        next = n;
    }

    rnode getNext()
    {
        return next;
    }
};
