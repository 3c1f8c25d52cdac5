// alloc: linked list of 1,000,000 nodes (two fields, value i % 1000), then a walk summing the values; checksum = 499500000
package .bench;

class alloc
{
    void run(var boot) [8]
    {
        var head : .internal.object;
        var n : .internal.object;
        var node : cell;
        var i : int;
        var s : long;
        head = null;
        i = 0;
        while (i < 1000000)
        {
            head = new cell(i % 1000, head);
            i = i + 1;
        }
        s = 0;
        n = head;
        while (n :!= null)
        {
            node = n;
            s = s + node.value();
            n = node.next();
        }
        boot.16("" + s + "\n");
    }
};

class cell
{
    var val : int;
    var nxt : .internal.object;

    void cell(var v : int, var n : .internal.object)
    {
        val = v;
        nxt = n;
    }

    int value()
    {
        return val;
    }

    .internal.object next()
    {
        return nxt;
    }
};
