// covers: .internal.sema as a completion counter: three threads each compute part of a sum and release the semaphore, the main thread acquires it three times before reading the parts
package .test;

import .internal.sema;

class main
{
    void run(var boot) [8]
    {
        var done : .internal.sema;
        var parts : part[];
        var p : part;
        var i : int;
        var total : int;
        done = new .internal.sema();
        parts = new part[]();
        i = 0;
        while (i < 3)
        {
            parts[i] = new part(done, i * 100 + 1, i * 100 + 100);
            boot.18(parts[i]);
            i = i + 1;
        }
        i = 0;
        while (i < 3)
        {
            done.acquire();
            i = i + 1;
        }
        total = 0;
        i = 0;
        while (i < 3)
        {
            p = parts[i];
            boot.16("part " + i + ": " + p.describe() + "\n");
            total = total + p.result();
            i = i + 1;
        }
        boot.16("sum of squares 1..300 = " + total + "\n");
    }
};

class part
{
    var s : .internal.sema;
    var from : int;
    var to : int;
    var sum : int;

    void part(var sem : .internal.sema, var a : int, var b : int)
    {
        s = sem;
        from = a;
        to = b;
        sum = 0;
    }

    void run(var boot) [8]
    {
        var i : int;
        var acc : int;
        acc = 0;
        i = from;
        while (i <= to)
        {
            acc = acc + i * i;
            i = i + 1;
        }
        sum = acc;
        s.release();
    }

    int result()
    {
        return sum;
    }

    string describe()
    {
        return from + ".." + to + " -> " + sum;
    }
};
