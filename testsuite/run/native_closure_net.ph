// covers: .internal.closure: getOrdinal/setOrdinal/setObject on a new closure, toString names the bound method and object, a bad ordinal throws; .internal.net resolve of literal addresses and localhost (IPv4 as an int); .internal.http resolve and .internal.port open throw (not available in the hosted runtime)
package .test;

import .internal.closure;
import .internal.net;
import .internal.http;
import .internal.port;

class main
{
    void run(var out) [8]
    {
        var c : .internal.closure;
        var n : .internal.net;
        c = new .internal.closure();
        out.16("ordinal: " + c.getOrdinal() + "\n");
        c.setOrdinal(17);
        c.setObject(this);
        out.16("ordinal: " + c.getOrdinal() + "\n");
        out.16(c.toString() + "\n");
        try { c.setOrdinal(0 - 1); } catch (string e) { out.16(e + "\n"); }

        n = new .internal.net();
        out.16("127.0.0.1 = " + n.resolve("127.0.0.1") + "\n");
        out.16("10.1.2.3 = " + n.resolve("10.1.2.3") + "\n");
        out.16("localhost is a loopback address: " + (n.resolve("localhost") >= 0x7F000000) + "\n");
        try { new .internal.http().resolve("http://example.invalid/"); } catch (string e) { out.16(e + "\n"); }
        try { new .internal.port().open(); } catch (string e) { out.16(e + "\n"); }
    }
};
