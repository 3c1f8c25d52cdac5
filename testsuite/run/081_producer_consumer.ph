// covers: a bounded buffer (capacity 3) guarded by a mutex and two condition variables; a producer thread puts 1..20, the main thread consumes and prints them in order, then a 0 sentinel ends the stream
package .test;

import .internal.mutex;
import .internal.cond;

class main
{
    void run(var boot) [8]
    {
        var b : buffer;
        var v : int;
        var sum : int;
        var line : string;
        b = new buffer(3);
        boot.18(new producer(b, 20));
        sum = 0;
        line = "";
        v = b.take();
        while (v != 0)
        {
            line = line + v + " ";
            sum = sum + v;
            v = b.take();
        }
        boot.16("got: " + line + "\n");
        boot.16("sum = " + sum + "\n");
    }
};

class buffer
{
    var m : .internal.mutex;
    var notEmpty : .internal.cond;
    var notFull : .internal.cond;
    var items : int[];
    var cap : int;
    var head : int;
    var count : int;

    void buffer(var capacity : int)
    {
        var i : int;
        m = new .internal.mutex();
        notEmpty = new .internal.cond();
        notFull = new .internal.cond();
        items = new int[]();
        i = 0;
        while (i < capacity)
        {
            items[i] = 0;
            i = i + 1;
        }
        cap = capacity;
        head = 0;
        count = 0;
    }

    void put(var v : int)
    {
        m.lock();
        while (count == cap)
            notFull.wait(m);
        items[(head + count) % cap] = v;
        count = count + 1;
        notEmpty.broadcast();
        m.unlock();
    }

    int take()
    {
        var v : int;
        m.lock();
        while (count == 0)
            notEmpty.wait(m);
        v = items[head];
        head = (head + 1) % cap;
        count = count - 1;
        notFull.broadcast();
        m.unlock();
        return v;
    }
};

class producer
{
    var b : buffer;
    var n : int;

    void producer(var buf : buffer, var count : int)
    {
        b = buf;
        n = count;
    }

    void run(var boot) [8]
    {
        var i : int;
        i = 1;
        while (i <= n)
        {
            b.put(i);
            i = i + 1;
        }
        b.put(0);
    }
};
