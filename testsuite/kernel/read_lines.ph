// Reads two console lines (.internal.io.tty getwc, which the kernel feeds
// from the serial line and the keyboard) and answers each;
// `cargo xtask test-programs` types them.
package .kernel;

class read_lines
{
    void run(var boot) [8]
    {
        var tty : .internal.io.tty;
        var line : string;
        var i : int;
        tty = new .internal.io.tty();
        boot.16("ready\n");
        i = 0;
        while (i < 2)
        {
            line = tty.getwc();
            boot.16("got [" + line + "]\n");
            i = i + 1;
        }
    }
};
