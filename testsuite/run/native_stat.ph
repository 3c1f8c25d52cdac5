// covers: .internal.stat getStat(counter, kind): restarts (0), snapshots (0: this runs with --no-image), DNS requests and answers counted by .internal.net resolve, VM gauges (heap cells, threads); unknown counters and kinds throw
package .test;

import .internal.stat;
import .internal.net;

class main
{
    var out;
    var st : .internal.stat;

    void show(var what : string, var n : int, var kind : int)
    {
        try
        {
            out.16(what + ": " + st.getStat(n, kind) + "\n");
        }
        catch (string e)
        {
            out.16(what + ": " + e + "\n");
        }
    }

    void run(var b) [8]
    {
        var net : .internal.net;
        out = b;
        st = new .internal.stat();
        net = new .internal.net();
        out.16(st.toString() + "\n");
        show("boots this run", 0, 2);
        show("boots before", 0, 3);
        show("boots in all", 0, 4);
        show("snapshots", 1, 2);
        show("dns requests", 16, 2);
        net.resolve("127.0.0.1");
        net.resolve("127.0.0.2");
        show("dns requests", 16, 2);
        show("dns answers", 17, 2);
        show("dns requests in all runs", 16, 4);
        show("dns requests before this run", 16, 3);
        show("threads", 66, 2);
        out.16("heap cells in use > 0: " + (st.getStat(64, 0) > 0) + "\n");
        out.16("heap capacity > cells in use: " + (st.getStat(65, 0) > st.getStat(64, 0)) + "\n");
        out.16("classes loaded > 0: " + (st.getStat(67, 2) > 0) + "\n");
        show("counter 200", 200, 2);
        show("counter -1", 0 - 1, 2);
        show("thread switches", 41, 2);
        show("kind 9", 0, 9);
    }
};
