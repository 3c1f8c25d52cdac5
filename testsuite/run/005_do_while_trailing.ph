// covers: do S while (c) T: the trailing statement T runs after each successful test and not after the final failing one
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var i : int;
        var j : int;
        var k : int;
        out = boot;
        i = 3;
        j = 0;
        do { j = j + 1; } while (i) i = i - 1;
        out.16("i=" + i + " j=" + j + "\n");

        i = 0;
        k = 0;
        do
        {
            out.16("body i=" + i + "\n");
        } while (i < 3)
        {
            out.16("tail i=" + i + "\n");
            i = i + 1;
        }
        out.16("end i=" + i + "\n");

        // test fails at once: tail never runs
        k = 5;
        do { k = k + 10; } while (k < 0) k = 1000;
        out.16("k=" + k + "\n");
    }
};
