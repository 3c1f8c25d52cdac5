// covers: .internal.io files in the sandbox directory: open (creates, does not truncate), write, read, getvar/setvar position and size, reset(1) rewinds, close; errnos: a name with .. (EACCES), an empty name (ENOENT), reading a closed file (-EBADF); unknown variables throw
package .test;

import .internal.io;

class main
{
    void run(var out) [8]
    {
        var f : .internal.io;
        var r : .internal.object;
        f = new .internal.io();
        out.16("fresh: " + f.toString() + "\n");
        out.16("read before open: " + f.read(4) + "\n");
        out.16("open: " + f.open("native_io_test.txt") + "\n");
        out.16("toString: " + f.toString() + "\n");
        out.16("write: " + f.write("hello file\n") + "\n");
        out.16("position: " + f.getvar("position") + "\n");
        out.16("size: " + f.getvar("size") + "\n");
        f.setvar("position", 6);
        out.16("read 4: [" + f.read(4) + "]\n");
        f.reset(1);
        out.16("after reset, read 5: [" + f.read(5) + "]\n");
        out.16("read the rest: [" + f.read(100) + "]\n");
        out.16("at the end: [" + f.read(10) + "]\n");
        try
        {
            f.getvar("colour");
        }
        catch (string e)
        {
            out.16("getvar: " + e + "\n");
        }
        f.close();
        r = f.read(4);
        out.16("read after close: " + r + "\n");
        out.16("reopen: " + f.open("/native_io_test.txt") + "\n");
        out.16("read 5: [" + f.read(5) + "]\n");
        f.close();
        out.16("open ../x: " + f.open("../escape.txt") + "\n");
        out.16("open empty name: " + f.open("") + "\n");
        out.16("open in a missing directory: " + f.open("no/such/dir/x") + "\n");
    }
};
