// covers: starting a thread with boot.18(obj) (runs obj's method 8 with the boot object), passing data through the object's fields, waiting for it with a mutex and a condition variable, printing only from the main thread
package .test;

import .internal.mutex;
import .internal.cond;

class main
{
    void run(var boot) [8]
    {
        var w : worker;
        var m : .internal.mutex;
        var c : .internal.cond;
        m = new .internal.mutex();
        c = new .internal.cond();
        w = new worker(m, c, 10);
        boot.16("starting\n");
        boot.18(w);
        m.lock();
        while (w.isDone() == 0)
            c.wait(m);
        m.unlock();
        boot.16("sum 1..10 = " + w.result() + "\n");
        boot.16("worker got the boot object: " + w.gotBoot() + "\n");
    }
};

class worker
{
    var m : .internal.mutex;
    var c : .internal.cond;
    var n : int;
    var sum : int;
    var done : int;
    var hadBoot : int;

    void worker(var mm : .internal.mutex, var cc : .internal.cond, var count : int)
    {
        m = mm;
        c = cc;
        n = count;
        sum = 0;
        done = 0;
        hadBoot = 0;
    }

    void run(var boot) [8]
    {
        var i : int;
        var s : int;
        if (boot :!= null)
            hadBoot = 1;
        s = 0;
        i = 1;
        while (i <= n)
        {
            s = s + i;
            i = i + 1;
        }
        m.lock();
        sum = s;
        done = 1;
        c.broadcast();
        m.unlock();
    }

    int isDone()
    {
        return done;
    }

    int result()
    {
        return sum;
    }

    int gotBoot()
    {
        return hadBoot;
    }
};
