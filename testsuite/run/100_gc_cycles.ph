// covers: garbage with reference cycles: 200,000 pairs of objects pointing at each other are created and dropped (memory must be reclaimed by the collector), a ring of 1000 nodes walked around twice
package .test;

class main
{
    void run(var boot) [8]
    {
        var i : int;
        var a : twin;
        var b : twin;
        var first : twin;
        var cur : twin;
        var steps : int;
        var sum : int;
        i = 0;
        sum = 0;
        while (i < 200000)
        {
            a = new twin(i);
            b = new twin(i + 1);
            a.link(b);
            b.link(a);
            sum = sum + a.other().id() - b.id();
            i = i + 1;
        }
        boot.16("pairs made, sum of differences " + sum + "\n");
        first = new twin(0);
        cur = first;
        i = 1;
        while (i < 1000)
        {
            b = new twin(i);
            cur.link(b);
            cur = b;
            i = i + 1;
        }
        cur.link(first);
        steps = 0;
        sum = 0;
        cur = first;
        do
        {
            sum = sum + cur.id();
            cur = cur.other();
            steps = steps + 1;
        } while (steps < 2000);
        boot.16("ring walked " + steps + " steps, back at start " + (cur :== first) + ", sum " + sum + "\n");
    }
};

class twin
{
    var n : int;
    var peer : .internal.object;

    void twin(var x : int)
    {
        n = x;
        peer = null;
    }

    void link(var t : twin)
    {
        peer = t;
    }

    twin other()
    {
        return peer;
    }

    int id()
    {
        return n;
    }
};
