// covers: do-while ending with ';' runs its body at least once, do-while counting, do-while with a block and a single statement body
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var i : int;
        var n : int;
        out = boot;
        i = 0;
        do
        {
            out.16("body " + i + "\n");
            i = i + 1;
        } while (i < 3);
        out.16("i=" + i + "\n");
        // condition false at once: the body still runs once
        i = 100;
        do
        {
            out.16("once " + i + "\n");
            i = i + 1;
        } while (i < 50);
        out.16("i=" + i + "\n");
        // single-statement body
        n = 1;
        do n = n * 2; while (n < 1000);
        out.16("n=" + n + "\n");
    }
};
