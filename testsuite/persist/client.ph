// Connects to 127.0.0.1:PORT (the test puts its port in), then sends a
// numbered line every 100 ms; a failed send is printed, then it
// reconnects.
package .t;
import .internal.tcp;
class client
{
    void run(var boot) [8]
    {
        var c : .internal.tcp;
        var n : int;
        c = new .internal.tcp();
        boot.16("connect " + c.connect(0x7F000001, PORT) + "\n");
        while (1)
        {
            n = n + 1;
            try
            {
                c.send("line " + n + "\n", 0);
                boot.16("sent " + n + "\n");
            }
            catch (string e)
            {
                boot.16("error: " + e + "\n");
                boot.16("connect " + c.connect(0x7F000001, PORT) + "\n");
            }
            boot.21(100);
        }
    }
};
