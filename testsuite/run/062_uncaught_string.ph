// covers: an uncaught string exception thrown two calls deep ends the program (exit code 1, the message on stderr); output printed before it is kept, code after it never runs
package .test;

class main
{
    var out;

    void inner(var n : int)
    {
        out.16("inner " + n + "\n");
        throw "fatal: something broke at " + n;
    }

    void middle(var n : int)
    {
        inner(n + 1);
        out.16("middle after inner (must not print)\n");
    }

    void run(var boot) [8]
    {
        out = boot;
        out.16("before\n");
        middle(41);
        out.16("after (must not print)\n");
    }
};
