// covers: continue in a do-while goes to the test (and then the trailing statement), break from a do-while with a trailing statement, nested do-whiles, a do-while whose body is a single if
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var i : int;
        var j : int;
        var log : string;
        out = boot;
        // continue jumps to the test; the trailing statement runs after each successful test
        log = "";
        i = 0;
        j = 0;
        do
        {
            i = i + 1;
            if (i == 2)
                continue;
            log = log + "b" + i + " ";
        } while (i < 4) j = j + 1;
        out.16(log + "| i=" + i + " j=" + j + "\n");

        // break leaves at once, without the trailing statement
        log = "";
        i = 0;
        j = 0;
        do
        {
            i = i + 1;
            if (i == 3)
                break;
        } while (i < 10) j = j + 10;
        out.16("i=" + i + " j=" + j + "\n");

        // nested
        log = "";
        i = 0;
        do
        {
            j = 0;
            do
            {
                log = log + i + j + " ";
                j = j + 1;
            } while (j < 2);
            i = i + 1;
        } while (i < 3);
        out.16(log + "\n");

        // single if as the body
        i = 0;
        j = 0;
        do
            if (i % 2 == 0)
                j = j + i;
        while ((i = i + 1) < 10);
        out.16("sum of even below 10: " + j + "\n");
    }
};
