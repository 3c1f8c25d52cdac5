// GC stress: cyclic structures built and dropped in a loop: rings (each
// node holds the next, the last holds the first), doubly linked lists
// (next and prev), objects that hold themselves, and an array that holds
// itself. Reference counting frees none of them.
package .gc;

class main
{
    var pad : string;

    void run(var boot) [8]
    {
        var round : int;
        var total : int;
        var r : cnode;
        var d : cnode;
        var s : cnode;
        var a : .internal.object[];
        pad = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz";
        pad = pad + pad + pad;
        total = 0;
        round = 0;
        while (round < 1000)
        {
            r = ring(500, round);
            total = total + ringLength(r);
            d = dlist(500, round);
            total = total + dlistLength(d);
            s = new cnode(round, pad);
            s.setNext(s);
            s.setPrev(s);
            if (s.getNext() :== s)
                total = total + 1;
            a = new .internal.object[]();
            a[0] = a;
            a[1] = s;
            a[2] = new cnode(round, pad + round);
            if (a[0] :== a)
                total = total + 1;
            round = round + 1;
        }
        r = null;
        d = null;
        s = null;
        a = null;
        boot.16("cycles: " + total + "\n");
    }

    // n nodes, each holding the next; the last holds the first
    cnode ring(var n : int, var round : int)
    {
        var first : cnode;
        var cur : cnode;
        var k : int;
        first = new cnode(round, pad + 0);
        cur = first;
        k = 1;
        while (k < n)
        {
            cur.setNext(new cnode(k, pad + k));
            cur = cur.getNext();
            k = k + 1;
        }
        cur.setNext(first);
        return first;
    }

    int ringLength(var first : cnode)
    {
        var cur : cnode;
        var n : int;
        n = 1;
        cur = first.getNext();
        while (!(cur :== first))
        {
            n = n + 1;
            cur = cur.getNext();
        }
        return n;
    }

    // n nodes linked both ways
    cnode dlist(var n : int, var round : int)
    {
        var head : cnode;
        var cur : cnode;
        var nx : cnode;
        var k : int;
        head = new cnode(round, pad + round);
        cur = head;
        k = 1;
        while (k < n)
        {
            nx = new cnode(k, pad + k);
            cur.setNext(nx);
            nx.setPrev(cur);
            cur = nx;
            k = k + 1;
        }
        return head;
    }

    // walks to the end and back
    int dlistLength(var head : cnode)
    {
        var cur : cnode;
        var n : int;
        n = 1;
        cur = head;
        while (!(cur.getNext() :== null))
        {
            cur = cur.getNext();
            n = n + 1;
        }
        while (!(cur.getPrev() :== null))
        {
            cur = cur.getPrev();
        }
        if (cur :== head)
            return n;
        return -1000000;
    }
};

class cnode
{
    var value : int;
    var data : string;
    var next : cnode;
    var prev : cnode;

    void cnode(var v : int, var d : string)
    {
        value = v;
        data = d;
        next = null;
        prev = null;
    }

    void setNext(var n : cnode)
    {
        next = n;
    }

    void setPrev(var p : cnode)
    {
        prev = p;
    }

    cnode getNext()
    {
        return next;
    }

    cnode getPrev()
    {
        return prev;
    }
};
