// The workload of `cargo xtask bench-persist` (xtask/src/bench_persist.rs):
// fills the object memory with live data, then dirties a chosen share of
// its pages whenever the driver says so, so that the driver can time the
// snapshot that follows.
//
//   phantom run --image IMG --heap-max MIB --snapshot-interval 0 -v \
//       benches/persist/dirty.ph mib=N chunk=KIB port=P
//
// Kernel environment: mib = MiB of data to keep live, chunk = KiB per
// binary object holding it, port = the driver's TCP port on 127.0.0.1.
//
// Protocol, one line each way:
//   program -> driver  "ready <binaries> <pages>"  the data is in place
//   driver -> program  "dirty <pct> <round>"       write one byte into every
//                                                  (100/pct)-th 4 KiB page
//   program -> driver  "dirtied <pages>"           done (the driver now takes
//                                                  a snapshot, then sends the
//                                                  next command)
//   driver -> program  "idle"                      print "tick" every
//                                                  millisecond forever (the
//                                                  driver stops the process
//                                                  with SIGTERM and continues
//                                                  the image: its first "tick"
//                                                  comes at most 1 ms after
//                                                  the thread resumes)
// While it waits for a command the thread is blocked in recv, so the
// snapshot's stop is short and nothing else runs during the write.
package .bench;

import .internal.tcp;
import .internal.binary;
import .internal.boot;

class dirty
{
    var boot : .internal.boot;
    var data : .internal.binary[];
    var conn : .internal.tcp;
    var pagesPerChunk : int;
    var pages : int;

    // The integer value of kernel environment entry `key`, or `dflt`.
    int envInt(var key : string, var dflt : int)
    {
        var env : string[];
        var e : string;
        var i : int;
        var eq : int;
        env = boot.getKernelEnvironment();
        i = env.size();
        while (i > 0)
        {
            i = i - 1;
            e = env[i];
            eq = e.strstr("=");
            if (eq > 0)
            {
                if (key.equals(e.substring(0, eq)))
                    return e.substring(eq + 1, e.length() - eq - 1).toInt();
            }
        }
        return dflt;
    }

    // One line from the driver, without its newline.
    string readLine()
    {
        var got : string;
        var part : string;
        got = "";
        while (got.strstr("\n") < 0)
        {
            part = conn.recv(100, 0);
            if (part.length() == 0)
                return "eof";
            got = got + part;
        }
        return got.substring(0, got.strstr("\n"));
    }

    // Word `n` (from 0) of a line of words separated by single spaces.
    string word(var line : string, var n : int)
    {
        var at : int;
        while (n > 0)
        {
            at = line.strstr(" ");
            if (at < 0)
                return "";
            line = line.substring(at + 1, line.length() - at - 1);
            n = n - 1;
        }
        at = line.strstr(" ");
        if (at < 0)
            return line;
        return line.substring(0, at);
    }

    // Writes `value` into one byte of every `stride`-th page of the data,
    // starting at page `first`. Returns the number of pages written.
    int touch(var stride : int, var first : int, var value : int)
    {
        var p : int;
        var n : int;
        var b : .internal.binary;
        n = 0;
        p = first;
        while (p < pages)
        {
            b = data[p / pagesPerChunk];
            b.setByte((p % pagesPerChunk) * 4096 + 100, value);
            n = n + 1;
            p = p + stride;
        }
        return n;
    }

    void run(var b) [8]
    {
        var mib : int;
        var chunkKib : int;
        var chunks : int;
        var i : int;
        var line : string;
        var cmd : string;
        var pct : int;
        var round : int;
        var rc : int;
        boot = b;
        mib = envInt("mib", 16);
        chunkKib = envInt("chunk", 1024);
        chunks = mib * 1024 / chunkKib;
        pagesPerChunk = chunkKib / 4;
        pages = chunks * pagesPerChunk;

        conn = new .internal.tcp();
        rc = conn.connect(0x7F000001, envInt("port", 0));
        if (rc != 0)
            throw "dirty.ph: cannot connect to the driver: errno " + rc;

        data = new .internal.binary[]();
        i = 0;
        while (i < chunks)
        {
            data[i] = boot.createBinary(chunkKib * 1024);
            i = i + 1;
        }
        // Every page holds something other than zeros.
        touch(1, 0, 1);
        conn.send("ready " + chunks + " " + pages + "\n", 0);

        while (1)
        {
            line = readLine();
            cmd = word(line, 0);
            if (cmd.equals("dirty"))
            {
                pct = word(line, 1).toInt();
                round = word(line, 2).toInt();
                i = 100 / pct;
                conn.send("dirtied " + touch(i, round % i, 2 + round % 200) + "\n", 0);
            }
            else
            {
                if (cmd.equals("idle"))
                {
                    conn.send("idle\n", 0);
                    while (1)
                    {
                        boot.16("tick\n");
                        boot.21(1);
                    }
                }
                // "eof", or anything else: end the program.
                return;
            }
        }
    }
};
