// Sleeps 4 s between two lines.
package .t;
class sleeper
{
    void run(var boot) [8]
    {
        boot.16("sleeping\n");
        boot.21(4000);
        boot.16("awake\n");
    }
};
