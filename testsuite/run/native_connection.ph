// covers: .internal.connection: destinations "tmr:" (block(null, msec) sleeps) and "stt:" (block(counter, kind) reads a statistics counter, -1 on error); an unknown destination gives ENOENT; check is ENXIO; setCallback returns whether one was set before; timer callbacks (invoke) throw in the hosted runtime; calls on a disconnected connection give ENXIO
package .test;

import .internal.connection;

class main
{
    void run(var out) [8]
    {
        var c : .internal.connection;
        var s : .internal.connection;
        var x : .internal.connection;
        c = new .internal.connection();
        s = new .internal.connection();
        x = new .internal.connection();
        out.16("fresh: " + c.toString() + "\n");
        out.16("block unconnected: " + c.block(null, 5) + "\n");
        out.16("connect xyz: " + x.connect("xyz:nothing") + "\n");
        out.16("connect tmr: " + c.connect("tmr:") + "\n");
        out.16("toString: " + c.toString() + "\n");
        c.block(null, 30);
        out.16("slept\n");
        out.16("check: " + c.check() + "\n");
        out.16("setCallback: " + c.setCallback(new cb(), 17) + "\n");
        out.16("setCallback again: " + c.setCallback(new cb(), 17) + "\n");
        out.16("invoke op 1: " + c.invoke(10, 1) + "\n");
        try
        {
            c.invoke(10, 0);
        }
        catch (string e)
        {
            out.16("invoke op 0: " + e + "\n");
        }
        out.16("connect stt: " + s.connect("stt:") + "\n");
        out.16("boots this run: " + s.block(0, 2) + "\n");
        out.16("bad counter: " + s.block(500, 2) + "\n");
        out.16("not an int: " + s.block("zero", 2) + "\n");
        out.16("stt invoke: " + s.invoke(0, 0) + "\n");
        out.16("disconnect: " + c.disconnect() + "\n");
        out.16("disconnect again: " + c.disconnect() + "\n");
        out.16("invoke disconnected: " + c.invoke(1, 0) + "\n");
        out.16("equals itself: " + c.equals(c) + ", another: " + c.equals(s) + "\n");
    }
};

class cb
{
    void tick(var t) [17]
    {
    }
};
