// Prints the snapshot counter (this run, all runs) every 300 ms.
package .t;
import .internal.stat;
class snaps
{
    void run(var boot) [8]
    {
        var st : .internal.stat;
        st = new .internal.stat();
        while (1)
        {
            boot.21(300);
            boot.16("snapshots " + st.getStat(1, 2) + " " + st.getStat(1, 4) + "\n");
        }
    }
};
