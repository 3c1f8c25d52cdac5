// Twenty thousand short VM threads, one after another: each one's host
// thread must be reclaimed when it ends, not when the program does.
package .gc;

import .internal.sema;

class main
{
    void run(var boot) [8]
    {
        var done : .internal.sema;
        var i : int;
        var t : task;
        done = new .internal.sema();
        i = 0;
        while (i < 20000)
        {
            t = new task(done);
            boot.18(t);
            done.acquire();
            i = i + 1;
        }
        boot.16("threads done\n");
    }
};

class task
{
    var done : .internal.sema;

    void task(var d : .internal.sema)
    {
        done = d;
    }

    void run(var boot) [8]
    {
        done.release();
    }
};
