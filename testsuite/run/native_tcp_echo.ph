// covers: .internal.tcp on 127.0.0.1: a server thread listens with accept(0, backlog) (port 0: the system picks a free port, which the listening socket's toString shows), the main thread connects, both send and recv lines, disconnect; errnos of connect/disconnect; errors of unconnected sockets
package .test;

import .internal.tcp;
import .internal.sema;

class main
{
    var out;
    var boot;

    // The port a listening socket shows in its toString, or 0.
    int listeningPort(var t : .internal.tcp)
    {
        var s : string;
        var at : int;
        s = t.toString();
        at = s.strstr("listening on port ");
        if (at < 0)
            return 0;
        return s.substring(at + 18, s.length() - at - 19).toInt();
    }

    // Reads from c until a newline arrives.
    string readLine(var c : .internal.tcp)
    {
        var got : string;
        var part : string;
        got = "";
        while (got.strstr("\n") < 0)
        {
            part = c.recv(100, 0);
            if (part.length() == 0)
                return got + "<eof>";
            got = got + part;
        }
        return got;
    }

    void run(var b) [8]
    {
        var srv : server;
        var done : .internal.sema;
        var c : .internal.tcp;
        var port : int;
        var tries : int;
        var rc : int;
        boot = b;
        out = b;
        done = new .internal.sema();
        srv = new server(done);
        c = new .internal.tcp();
        out.16("fresh: " + c.toString() + "\n");
        try
        {
            c.recv(10, 0);
        }
        catch (string e)
        {
            out.16("recv before connect: " + e + "\n");
        }
        out.16("disconnect before connect: " + c.disconnect() + "\n");

        b.18(srv);
        port = 0;
        tries = 0;
        while (port == 0 && tries < 500)
        {
            port = listeningPort(srv.listener());
            if (port == 0)
                b.21(10);
            tries = tries + 1;
        }
        out.16("server is listening: " + (port > 0) + "\n");

        rc = c.connect(0x7F000001, port);
        out.16("connect: " + rc + "\n");
        out.16("connect again: " + c.connect(0x7F000001, port) + "\n");
        out.16("sent: " + c.send("hello, phantom\n", 0) + "\n");
        out.16("reply: " + readLine(c));
        out.16("sent: " + c.send("second line\n", 0) + "\n");
        out.16("reply: " + readLine(c));
        out.16("after the server closed: [" + c.recv(10, 0) + "]\n");
        out.16("disconnect: " + c.disconnect() + "\n");
        out.16("disconnect again: " + c.disconnect() + "\n");
        try
        {
            c.send("x", 0);
        }
        catch (string e)
        {
            out.16("send after disconnect: " + e + "\n");
        }

        done.acquire();
        out.16("server: " + srv.log() + "\n");
        // Nobody listens on the port any more.
        out.16("connect to a closed port: " + c.connect(0x7F000001, port) + "\n");
    }
};

class server
{
    var l : .internal.tcp;
    var done : .internal.sema;
    var text : string;

    void server(var d : .internal.sema)
    {
        done = d;
        l = new .internal.tcp();
        text = "";
    }

    .internal.tcp listener()
    {
        return l;
    }

    string log()
    {
        return text;
    }

    void run(var boot) [8]
    {
        var c : .internal.tcp;
        var line : string;
        var part : string;
        var n : int;
        c = l.accept(0, 5);
        text = text + "accepted; ";
        n = 0;
        while (n < 2)
        {
            line = "";
            while (line.strstr("\n") < 0)
            {
                part = c.recv(4, 0);
                line = line + part;
            }
            text = text + "got " + line.length() + " bytes; ";
            c.send("echo: " + line, 0);
            n = n + 1;
        }
        c.disconnect();
        l.disconnect();
        text = text + "closed";
        done.release();
    }
};
