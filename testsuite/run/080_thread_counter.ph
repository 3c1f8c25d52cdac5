// covers: four threads incrementing one shared counter 2000 times each under a mutex, the main thread waiting on a condition variable until all have finished, the final count
package .test;

import .internal.mutex;
import .internal.cond;

class main
{
    void run(var boot) [8]
    {
        var sh : shared;
        var i : int;
        sh = new shared();
        i = 0;
        while (i < 4)
        {
            boot.18(new incrementer(sh, 2000));
            i = i + 1;
        }
        sh.waitFor(4);
        boot.16("threads finished: " + sh.finished() + "\n");
        boot.16("counter = " + sh.get() + "\n");
    }
};

class shared
{
    var m : .internal.mutex;
    var c : .internal.cond;
    var count : int;
    var done : int;

    void shared()
    {
        m = new .internal.mutex();
        c = new .internal.cond();
        count = 0;
        done = 0;
    }

    void inc()
    {
        m.lock();
        count = count + 1;
        m.unlock();
    }

    void finish()
    {
        m.lock();
        done = done + 1;
        c.broadcast();
        m.unlock();
    }

    void waitFor(var n : int)
    {
        m.lock();
        while (done < n)
            c.wait(m);
        m.unlock();
    }

    int get()
    {
        var v : int;
        m.lock();
        v = count;
        m.unlock();
        return v;
    }

    int finished()
    {
        return done;
    }
};

class incrementer
{
    var sh : shared;
    var times : int;

    void incrementer(var s : shared, var n : int)
    {
        sh = s;
        times = n;
    }

    void run(var boot) [8]
    {
        var i : int;
        i = 0;
        while (i < times)
        {
            sh.inc();
            i = i + 1;
        }
        sh.finish();
    }
};
