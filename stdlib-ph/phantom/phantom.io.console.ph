// Text output for programs: to a .internal.io.tty window, or to the
// kernel console through the bootstrap object's consolePrint [16] (the
// only output available during boot, before any window exists).

package .phantom.io;

import .internal.object;
import .internal.string;
import .internal.int;
import .internal.io.tty;
import .internal.boot;

class .phantom.io.console
{
    // Exactly one of the two is non-null. Typed loosely so that the other
    // can hold null without a checked cast.
    var ttyOut : .internal.object;
    var bootOut : .internal.object;

    // Opens a new text window.
    void console()
    {
        ttyOut = new .internal.io.tty();
        bootOut = null;
    }

    void console(var window : .internal.io.tty)
    {
        ttyOut = window;
        bootOut = null;
    }

    // Writes to the kernel console; pass the bootstrap object.
    void console(var bootObject : .internal.object)
    {
        var check : .internal.boot;
        // Fail here, with a clear cast error, rather than at first print.
        check = bootObject;
        ttyOut = null;
        bootOut = bootObject;
    }

    void print(var s : .internal.string)
    {
        var t : .internal.io.tty;
        var b : .internal.boot;
        var text : .internal.string;
        text = s;
        if (text :== null)
            text = "null";
        if (ttyOut :!= null)
        {
            t = ttyOut;
            t.putws(text);
            return;
        }
        b = bootOut;
        b.consolePrint(text);
    }

    // One call per line, so lines from different threads do not mix.
    void println(var s : .internal.string)
    {
        if (s :== null)
            print("null\n");
        else
            print(s.concat("\n"));
    }

    void newline()
    {
        print("\n");
    }

    void printInt(var n : int)
    {
        print(n.toString());
    }

    void printObject(var o : .internal.object)
    {
        if (o :== null)
            print("null");
        else
            print(o.toString());
    }

    // Window-only operations; they do nothing on the kernel console.
    void clear()
    {
        var t : .internal.io.tty;
        if (ttyOut :!= null)
        {
            t = ttyOut;
            t.clear();
        }
    }

    void setTitle(var title : .internal.string)
    {
        var t : .internal.io.tty;
        if (ttyOut :!= null)
        {
            t = ttyOut;
            t.setTitle(title);
        }
    }

    void gotoxy(var x : int, var y : int)
    {
        var t : .internal.io.tty;
        if (ttyOut :!= null)
        {
            t = ttyOut;
            t.gotoxy(x, y);
        }
    }
};
