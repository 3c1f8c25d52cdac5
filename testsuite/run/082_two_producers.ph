// covers: two producer threads and one consumer (the main thread) on a shared queue with mutex + condition variable; totals and per-producer ordering are checked, not the interleaving
package .test;

import .internal.mutex;
import .internal.cond;

class main
{
    void run(var boot) [8]
    {
        var q : channel;
        var i : int;
        var v : int;
        var sum : int;
        var lastA : int;
        var lastB : int;
        var ordered : int;
        var fromA : int;
        var fromB : int;
        q = new channel();
        boot.18(new source(q, 100, 15));
        boot.18(new source(q, 200, 15));
        sum = 0;
        lastA = 100;
        lastB = 200;
        ordered = 1;
        fromA = 0;
        fromB = 0;
        i = 0;
        while (i < 30)
        {
            v = q.take();
            sum = sum + v;
            if (v < 200)
            {
                fromA = fromA + 1;
                if (v != lastA + 1)
                    ordered = 0;
                lastA = v;
            }
            else
            {
                fromB = fromB + 1;
                if (v != lastB + 1)
                    ordered = 0;
                lastB = v;
            }
            i = i + 1;
        }
        boot.16("received " + i + " items: " + fromA + " from A, " + fromB + " from B\n");
        boot.16("sum = " + sum + "\n");
        boot.16("each producer in order: " + ordered + "\n");
    }
};

class channel
{
    var m : .internal.mutex;
    var c : .internal.cond;
    var items : .internal.object[];
    var head : int;
    var tail : int;

    void channel()
    {
        m = new .internal.mutex();
        c = new .internal.cond();
        items = new .internal.object[]();
        head = 0;
        tail = 0;
    }

    void put(var v : int)
    {
        m.lock();
        items[tail] = v;
        tail = tail + 1;
        c.broadcast();
        m.unlock();
    }

    int take()
    {
        var v : int;
        m.lock();
        while (head == tail)
            c.wait(m);
        v = (int) items[head];
        head = head + 1;
        m.unlock();
        return v;
    }
};

class source
{
    var q : channel;
    var base : int;
    var n : int;

    void source(var ch : channel, var b : int, var count : int)
    {
        q = ch;
        base = b;
        n = count;
    }

    void run(var boot) [8]
    {
        var i : int;
        i = 1;
        while (i <= n)
        {
            q.put(base + i);
            i = i + 1;
        }
    }
};
