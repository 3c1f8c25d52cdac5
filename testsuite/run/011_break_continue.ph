// covers: break and continue in while and do-while, continue in do-while runs the test, break out of an endless while (1)
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var i : int;
        var s : string;
        var n : int;
        out = boot;
        s = "";
        i = 0;
        while (i < 10)
        {
            i = i + 1;
            if (i % 3 == 0)
                continue;
            if (i > 8)
                break;
            s = s + i + " ";
        }
        out.16("while: " + s + "| i=" + i + "\n");

        s = "";
        i = 0;
        do
        {
            i = i + 1;
            if (i % 2 == 0)
                continue;
            s = s + i + " ";
        } while (i < 7);
        out.16("do: " + s + "| i=" + i + "\n");

        n = 0;
        while (1)
        {
            n = n + 7;
            if (n > 50)
                break;
        }
        out.16("n=" + n + "\n");

        i = 0;
        do
        {
            i = i + 1;
            if (i == 4)
                break;
        } while (1);
        out.16("i=" + i + "\n");
    }
};
