// covers: .internal.udp on 127.0.0.1: bind(0) (the system picks a port, shown by toString), sendTo, recv, send (replies to the last sender), recvFrom (datagrams from other senders are dropped), sendTo binds an unbound socket, bind twice gives EISCONN, errors of unbound sockets
package .test;

import .internal.udp;

class main
{
    var out;

    int boundPort(var u : .internal.udp)
    {
        var s : string;
        var at : int;
        s = u.toString();
        at = s.strstr("bound to port ");
        if (at < 0)
            return 0;
        return s.substring(at + 14, s.length() - at - 15).toInt();
    }

    void run(var b) [8]
    {
        var a : .internal.udp;
        var c : .internal.udp;
        var noise : .internal.udp;
        var pa : int;
        var pc : int;
        var lo : int;
        out = b;
        lo = 0x7F000001;
        a = new .internal.udp();
        c = new .internal.udp();
        noise = new .internal.udp();
        out.16("fresh: " + a.toString() + "\n");
        try
        {
            a.recv(100, 0);
        }
        catch (string e)
        {
            out.16("recv unbound: " + e + "\n");
        }
        out.16("bind: " + a.bind(0) + "\n");
        pa = boundPort(a);
        out.16("bound to a port: " + (pa > 0) + "\n");
        out.16("bind again: " + a.bind(0) + "\n");
        try
        {
            a.send("x", 0);
        }
        catch (string e)
        {
            out.16("send with no peer: " + e + "\n");
        }

        out.16("sendTo: " + c.sendTo("ping", lo, pa) + "\n");
        pc = boundPort(c);
        out.16("sendTo bound the sender: " + (pc > 0) + "\n");
        out.16("a got: " + a.recv(100, 0) + "\n");
        out.16("reply: " + a.send("pong", 0) + "\n");
        out.16("c got: " + c.recvFrom(lo, pa) + "\n");

        // A datagram from another sender is dropped by recvFrom(a's address).
        noise.sendTo("noise", lo, pc);
        a.sendTo("pong 2", lo, pc);
        out.16("c got from a: " + c.recvFrom(lo, pa) + "\n");
        // recv keeps only maxBytes of a datagram.
        c.sendTo("truncated datagram", lo, pa);
        out.16("a got 9 bytes: " + a.recv(9, 0) + "\n");
        // Any sender: address and port 0.
        noise.sendTo("from anyone", lo, pa);
        out.16("a got: " + a.recvFrom(0, 0) + "\n");
    }
};
