// The self-checking workload of the crash-safety harness
// (os/phantom/tests/kill.rs): run it under
//   phantom run --image IMG --snapshot-interval SECS workload.ph
// and kill it at any instant; after a restart from a snapshot it must go on
// exactly where that snapshot left it.
//
// Three worker threads and a watcher run forever. Worker t (1..3) owns a linked list of
// the values of its last 50 steps (value(t, s) below) and keeps a running
// sum S and a position-weighted sum W = sum of (i + 1) * value_i over the
// list, both updated incrementally. After every step it walks the whole
// list again and recomputes length, values, S and W from scratch; any
// difference prints a line starting with FAIL. It also owns a few MB of
// 1 KB binaries, rewrites some of them every step (so every snapshot has
// many dirty pages) and checks the stamps of others against a stamp table.
//
// Every step increments one global counter under a mutex and prints, under
// that same mutex, exactly one line
//   T<t> <step> <counter> <W>
// so the counters increase in print order. W after step s depends only on
// t and s (the list holds the values of steps max(1, s - 49) .. s, weights
// 1, 2, ...), so the harness recomputes it from outside.
package .persist;

import .internal.mutex;

class main
{
    void run(var boot) [8]
    {
        var sh : shared;
        var t : int;
        sh = new shared(boot);
        t = 1;
        while (t <= 3)
        {
            boot.18(new worker(t, sh, boot));
            t = t + 1;
        }
        boot.18(new watcher(sh));
        // Threads start only once the boot method has returned; the
        // workers and the watcher then run forever until the harness kills
        // the process.
    }
};

// The fourth thread: mostly asleep (so snapshots catch it in a timed
// sleep), it checks that the global counter never goes back.
class watcher
{
    var sh : shared;
    var last : int;

    void watcher(var s : shared)
    {
        sh = s;
        last = 0;
    }

    void run(var boot) [8]
    {
        var c : int;
        while (1)
        {
            boot.21(7);
            c = sh.get();
            if (c < last)
                sh.fail("watcher: counter went back from " + last + " to " + c);
            last = c;
        }
    }
};

class shared
{
    var m : .internal.mutex;
    var counter : int;
    var out;

    void shared(var boot)
    {
        m = new .internal.mutex();
        counter = 0;
        out = boot;
    }

    // One step's global increment and its line, atomically.
    void stepLine(var t : int, var step : int, var w : int)
    {
        m.lock();
        counter = counter + 1;
        out.16("T" + t + " " + step + " " + counter + " " + w + "\n");
        m.unlock();
    }

    int get()
    {
        var c : int;
        m.lock();
        c = counter;
        m.unlock();
        return c;
    }

    void fail(var s : string)
    {
        m.lock();
        out.16("FAIL " + s + "\n");
        m.unlock();
    }
};

class node
{
    var value : int;
    var next : .internal.object;

    void node(var v : int)
    {
        value = v;
        next = null;
    }

    int getValue()
    {
        return value;
    }

    .internal.object getNext()
    {
        return next;
    }

    void setNext(var n : .internal.object)
    {
        next = n;
    }
};

class worker
{
    var id : int;
    var sh : shared;
    var boot;
    var step : int;
    var head : .internal.object;
    var tail : .internal.object;
    var len : int;
    var sum : int;
    var wsum : int;
    var blobs : .internal.object[];
    var stamps : int[];
    var nblobs : int;

    void worker(var t : int, var s : shared, var b)
    {
        var i : int;
        var bin : .internal.binary;
        id = t;
        sh = s;
        boot = b;
        step = 0;
        head = null;
        tail = null;
        len = 0;
        sum = 0;
        wsum = 0;
        nblobs = 1536;
        blobs = new .internal.object[]();
        stamps = new int[]();
        i = 0;
        while (i < nblobs)
        {
            bin = boot.19(2048);
            stampBlob(bin, i, 0);
            blobs[i] = bin;
            stamps[i] = 0;
            i = i + 1;
        }
    }

    // The value appended at step s; the harness uses the same formula.
    int value(var s : int)
    {
        return ((s % 100003) * 7919 + id * 131) % 100003;
    }

    // Writes the stamp v of blob i at a few places over the whole KB.
    void stampBlob(var bin : .internal.binary, var i : int, var v : int)
    {
        var k : int;
        var b : int;
        b = (v * 31 + i + id) & 255;
        k = 0;
        while (k < 2048)
        {
            bin.setByte(k, b);
            k = k + 256;
        }
        bin.setByte(1, v & 255);
        bin.setByte(2, (v / 256) % 256);
        bin.setByte(3, (v / 65536) % 256);
    }

    int checkBlob(var i : int)
    {
        var bin : .internal.binary;
        var v : int;
        var b : int;
        var k : int;
        bin = blobs[i];
        v = stamps[i];
        b = (v * 31 + i + id) & 255;
        if (bin.getByte(1) != (v & 255))
            return 0;
        if (bin.getByte(2) != ((v / 256) % 256))
            return 0;
        if (bin.getByte(3) != ((v / 65536) % 256))
            return 0;
        k = 0;
        while (k < 2048)
        {
            if (bin.getByte(k) != b)
                return 0;
            k = k + 256;
        }
        return 1;
    }

    void run(var b) [8]
    {
        while (1)
        {
            oneStep();
        }
    }

    void oneStep()
    {
        var n : node;
        var h : node;
        var v : int;
        var j : int;
        var i : int;
        var bin : .internal.binary;

        step = step + 1;

        // The list: append, drop the head beyond 50, incremental sums.
        v = value(step);
        n = new node(v);
        if (tail :== null)
            head = n;
        else
        {
            h = tail;
            h.setNext(n);
        }
        tail = n;
        len = len + 1;
        sum = sum + v;
        wsum = wsum + len * v;
        if (len > 50)
        {
            h = head;
            wsum = wsum - sum;
            sum = sum - h.getValue();
            head = h.getNext();
            len = len - 1;
        }

        // The live data: replace 8 blobs with fresh ones, restamp 24 in
        // place, check 8 others.
        j = 0;
        while (j < 40)
        {
            i = (step * 613 + j * 97 + id * 7) % nblobs;
            if (checkBlob(i) == 0)
                sh.fail("T" + id + " step " + step + " blob " + i + " stamp " + stamps[i]);
            if (j < 8)
            {
                bin = boot.19(2048);
                stamps[i] = step;
                stampBlob(bin, i, step);
                blobs[i] = bin;
            }
            else if (j < 32)
            {
                bin = blobs[i];
                stamps[i] = step;
                stampBlob(bin, i, step);
            }
            j = j + 1;
        }

        verify();
        sh.stepLine(id, step, wsum);
        boot.21(2);
    }

    // Walks the list and recomputes everything from scratch.
    void verify()
    {
        var o : .internal.object;
        var n : node;
        var c : int;
        var s : int;
        var w : int;
        var first : int;
        var want : int;
        var bad : int;
        first = step - 49;
        if (first < 1)
            first = 1;
        want = step - first + 1;
        c = 0;
        s = 0;
        w = 0;
        bad = 0;
        o = head;
        while (o :!= null)
        {
            n = o;
            if (n.getValue() != value(first + c))
                bad = bad + 1;
            c = c + 1;
            s = s + n.getValue();
            w = w + c * n.getValue();
            o = n.getNext();
        }
        if (c != len || c != want || s != sum || w != wsum || bad != 0)
            sh.fail("T" + id + " step " + step + " len " + c + "/" + len + "/" + want
                + " sum " + s + "/" + sum + " wsum " + w + "/" + wsum + " badvalues " + bad);
    }
};
