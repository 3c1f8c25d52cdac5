// covers: nested while loops (multiplication table), break and continue affecting only the innermost loop, a flag to leave two loops
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var i : int;
        var j : int;
        var line : string;
        var found : int;
        var count : int;
        out = boot;
        i = 1;
        while (i <= 4)
        {
            line = "";
            j = 1;
            while (j <= 4)
            {
                line = line + (i * j) + " ";
                j = j + 1;
            }
            out.16(line + "\n");
            i = i + 1;
        }

        // inner break/continue
        count = 0;
        i = 0;
        while (i < 5)
        {
            j = 0;
            while (j < 5)
            {
                j = j + 1;
                if (j == 2)
                    continue;
                if (j > i)
                    break;
                count = count + 1;
            }
            i = i + 1;
        }
        out.16("count=" + count + "\n");

        // leave both loops through a flag: first pair with i * j == 12
        found = 0;
        i = 1;
        while (i < 10 && found == 0)
        {
            j = 1;
            while (j < 10)
            {
                if (i * j == 12)
                {
                    found = 1;
                    break;
                }
                j = j + 1;
            }
            if (found == 0)
                i = i + 1;
        }
        out.16("found i=" + i + " j=" + j + "\n");

        // do-while inside while
        i = 0;
        line = "";
        while (i < 3)
        {
            j = 0;
            do
            {
                line = line + i + j + ",";
                j = j + 1;
            } while (j < i);
            i = i + 1;
        }
        out.16(line + "\n");
    }
};
