// GC stress with several VM threads: four workers build and drop rings
// and doubly linked lists at the same time; the main thread waits for
// them on a semaphore.
package .gc;

import .internal.sema;

class main
{
    void run(var boot) [8]
    {
        var done : .internal.sema;
        var workers : worker[];
        var w : worker;
        var i : int;
        var total : int;
        done = new .internal.sema();
        workers = new worker[]();
        i = 0;
        while (i < 4)
        {
            workers[i] = new worker(i, done);
            boot.18(workers[i]);
            i = i + 1;
        }
        i = 0;
        while (i < 4)
        {
            done.acquire();
            i = i + 1;
        }
        total = 0;
        i = 0;
        while (i < 4)
        {
            w = workers[i];
            total = total + w.result();
            i = i + 1;
        }
        boot.16("threads: " + total + "\n");
    }
};

class worker
{
    var id : int;
    var done : .internal.sema;
    var res : int;
    var pad : string;

    void worker(var i : int, var d : .internal.sema)
    {
        id = i;
        done = d;
        res = 0;
    }

    void run(var boot) [8]
    {
        var round : int;
        var first : wnode;
        var cur : wnode;
        var nx : wnode;
        var k : int;
        pad = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        pad = pad + pad + pad;
        round = 0;
        while (round < 800)
        {
            // A ring whose nodes also point back (a doubly linked ring).
            first = new wnode(pad + id);
            cur = first;
            k = 1;
            while (k < 300)
            {
                nx = new wnode(pad + k);
                cur.link(nx);
                cur = nx;
                k = k + 1;
            }
            cur.link(first);
            // Walk it both ways.
            k = 1;
            cur = first.getNext();
            while (!(cur :== first))
            {
                k = k + 1;
                cur = cur.getNext();
            }
            cur = first.getPrev();
            while (!(cur :== first))
            {
                k = k + 1;
                cur = cur.getPrev();
            }
            res = res + k;
            round = round + 1;
        }
        first = null;
        cur = null;
        nx = null;
        done.release();
    }

    int result()
    {
        return res;
    }
};

class wnode
{
    var data : string;
    var next : wnode;
    var prev : wnode;

    void wnode(var d : string)
    {
        data = d;
        next = null;
        prev = null;
    }

    // this <-> n
    void link(var n : wnode)
    {
        next = n;
        n.setPrev(this);
    }

    void setPrev(var p : wnode)
    {
        prev = p;
    }

    wnode getNext()
    {
        return next;
    }

    wnode getPrev()
    {
        return prev;
    }
};
