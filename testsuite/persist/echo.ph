// Echoes console lines (`got LINE`) until the input ends.
package .t;
class echo
{
    void run(var boot) [8]
    {
        var tty : .internal.io.tty;
        var line : string;
        tty = new .internal.io.tty();
        boot.16("ready\n");
        while (1)
        {
            line = tty.getwc();
            if (line == null)
            {
                boot.16("end\n");
                return;
            }
            boot.16("got " + line + "\n");
        }
    }
};
