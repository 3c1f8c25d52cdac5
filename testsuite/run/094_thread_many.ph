// covers: eight threads started in a loop, each computing a recursive Fibonacci number and appending to a shared list under a mutex; the main thread waits on a semaphore and prints results in a fixed order
package .test;

import .internal.sema;
import .internal.mutex;
import .phantom.util.list;

class main
{
    void run(var boot) [8]
    {
        var done : .internal.sema;
        var lock : .internal.mutex;
        var shared : .phantom.util.list;
        var jobs : job[];
        var j : job;
        var i : int;
        var line : string;
        var counts : int[];
        var id : int;
        done = new .internal.sema();
        lock = new .internal.mutex();
        shared = new .phantom.util.list();
        jobs = new job[]();
        i = 0;
        while (i < 8)
        {
            jobs[i] = new job(i, 10 + i, done, lock, shared);
            i = i + 1;
        }
        i = 0;
        while (i < 8)
        {
            boot.18(jobs[i]);
            i = i + 1;
        }
        i = 0;
        while (i < 8)
        {
            done.acquire();
            i = i + 1;
        }
        line = "";
        i = 0;
        while (i < 8)
        {
            j = jobs[i];
            line = line + j.result() + " ";
            i = i + 1;
        }
        boot.16("fib(10..17): " + line + "\n");
        counts = new int[]();
        i = 0;
        while (i < 8)
        {
            counts[i] = 0;
            i = i + 1;
        }
        i = 0;
        while (i < shared.size())
        {
            id = (int) shared.get(i);
            counts[id] = counts[id] + 1;
            i = i + 1;
        }
        line = "";
        i = 0;
        while (i < 8)
        {
            line = line + counts[i] + " ";
            i = i + 1;
        }
        boot.16("list size " + shared.size() + ", entries per thread: " + line + "\n");
    }
};

class job
{
    var id : int;
    var n : int;
    var res : int;
    var done : .internal.sema;
    var lock : .internal.mutex;
    var shared : .phantom.util.list;

    void job(var i : int, var k : int, var d : .internal.sema, var m : .internal.mutex, var l : .phantom.util.list)
    {
        id = i;
        n = k;
        res = 0;
        done = d;
        lock = m;
        shared = l;
    }

    int fib(var k : int)
    {
        if (k < 2)
            return k;
        return fib(k - 1) + fib(k - 2);
    }

    void run(var boot) [8]
    {
        var i : int;
        res = fib(n);
        i = 0;
        while (i < 5)
        {
            lock.lock();
            shared.add(id);
            lock.unlock();
            i = i + 1;
        }
        done.release();
    }

    int result()
    {
        return res;
    }
};
