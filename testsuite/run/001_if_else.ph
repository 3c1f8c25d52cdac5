// covers: if without else, if/else, nested if, dangling else binding to the inner if, conditions from comparisons and plain ints
package .test;

class main
{
    var out;

    void p(var s : string)
    {
        out.16(s);
    }

    void classify(var n : int)
    {
        if (n < 0)
            p(n + " is negative\n");
        else
            p(n + " is not negative\n");
    }

    void run(var boot) [8]
    {
        var x : int;
        out = boot;
        x = 5;
        if (x > 3)
            p("x > 3\n");
        if (x > 10)
            p("x > 10 (wrong)\n");
        if (x == 5)
        {
            p("x == 5\n");
        }
        else
        {
            p("x != 5 (wrong)\n");
        }
        if (0)
            p("if (0) taken (wrong)\n");
        else
            p("if (0) not taken\n");
        if (7)
            p("if (7) taken\n");
        classify(-3);
        classify(0);
        classify(12);
        // dangling else: belongs to the inner if
        if (x > 0)
            if (x > 100)
                p("big\n");
            else
                p("small positive\n");
        if (x < 0)
            if (x > 100)
                p("unreachable 1\n");
            else
                p("unreachable 2\n");
        // nested blocks
        if (x != 0)
        {
            if (x != 5)
            {
                p("wrong branch\n");
            }
            else
            {
                p("nested else\n");
            }
        }
        // empty then-branch
        if (x == 5) {} else p("empty branch wrong\n");
        p("done\n");
    }
};
