// covers: switch without default (no match does nothing), break inside a switch leaves only the switch, continue inside a switch continues the loop, nested switch
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var i : int;
        var log : string;
        var j : int;
        out = boot;
        log = "";
        i = 0;
        while (i < 6)
        {
            i = i + 1;
            switch (i)
            {
                case 2:
                    log = log + "two,";
                    break;
                case 4:
                    log = log + "skip,";
                    continue;
                case 5:
                    log = log + "five,";
            }
            log = log + i + ";";
        }
        out.16(log + "\n");

        // no default, no match: nothing happens, the loop goes on
        j = 0;
        i = 0;
        while (i < 10)
        {
            switch (i)
            {
                case 100:
                    j = j + 1000;
            }
            j = j + 1;
            i = i + 1;
        }
        out.16("j=" + j + "\n");

        // nested switch
        i = 0;
        while (i < 4)
        {
            switch (i % 2)
            {
                case 0:
                    switch (i)
                    {
                        case 0:
                            out.16("zero ");
                            break;
                        default:
                            out.16("even ");
                    }
                    out.16("(after inner) ");
                    break;
                case 1:
                    out.16("odd ");
                    break;
            }
            i = i + 1;
        }
        out.16("\n");
    }
};
