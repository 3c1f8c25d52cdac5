// covers: .internal.tcp curl: an HTTP GET to a server thread of the same program (127.0.0.1, port picked by the system) returns the body; extra request headers are sent; a refused connection gives an empty string; https URLs and too long URLs throw
package .test;

import .internal.tcp;
import .internal.sema;

class main
{
    var out;

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

    void run(var b) [8]
    {
        var srv : httpd;
        var done : .internal.sema;
        var t : .internal.tcp;
        var port : int;
        var tries : int;
        var body : string;
        var url : string;
        var i : int;
        out = b;
        done = new .internal.sema();
        srv = new httpd(done);
        t = new .internal.tcp();
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
        body = t.curl("http://127.0.0.1:" + port + "/hello/world?x=1", "X-Test: yes\r\nAccept: text/plain\r\n");
        out.16("body: [" + body + "]\n");
        done.acquire();
        out.16("server saw: " + srv.log() + "\n");
        out.16("refused: [" + t.curl("http://127.0.0.1:" + port + "/", "") + "]\n");
        try
        {
            t.curl("https://127.0.0.1/", "");
        }
        catch (string e)
        {
            out.16("https: " + e + "\n");
        }
        url = "http://127.0.0.1/";
        i = 0;
        while (i < 110)
        {
            url = url + "0123456789";
            i = i + 1;
        }
        try
        {
            t.curl(url, "");
        }
        catch (string e)
        {
            out.16("long URL: " + e + "\n");
        }
        try
        {
            t.curl("http://127.0.0.1/", "no colon here");
        }
        catch (string e)
        {
            out.16("bad header: " + e + "\n");
        }
    }
};

class httpd
{
    var l : .internal.tcp;
    var done : .internal.sema;
    var text : string;

    void httpd(var d : .internal.sema)
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
        var req : string;
        var first : string;
        var reply : string;
        c = l.accept(0, 5);
        req = "";
        while (req.strstr("\r\n\r\n") < 0)
            req = req + c.recv(1000, 0);
        first = req.substring(0, req.strstr("\r\n"));
        text = first;
        if (req.strstr("x-test: yes") >= 0 || req.strstr("X-Test: yes") >= 0)
            text = text + ", with X-Test";
        reply = "you asked for " + first.substring(4, first.strstr(" HTTP") - 4);
        c.send("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + reply.length() + "\r\nConnection: close\r\n\r\n" + reply, 0);
        c.disconnect();
        l.disconnect();
        done.release();
    }
};
