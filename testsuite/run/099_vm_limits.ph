// covers: VM behaviours decided in docs/deviations.md: runaway recursion throws a catchable "stack overflow" (V20), throwing null throws "null was thrown" (V19), consolePrint prints several arguments first one first (V16), boot.sleep returns (V21)
package .test;

class main
{
    var out;
    var depth : int;

    int forever(var n : int)
    {
        depth = n;
        return forever(n + 1) + 1;
    }

    string overflow()
    {
        try
        {
            forever(0);
        }
        catch (string e)
        {
            // the message starts with "stack overflow" and may say more
            return "caught stack overflow: " + (e.strstr("stack overflow") == 0) + ", deeper than 50000 calls: " + (depth > 50000);
        }
        return "no overflow";
    }

    string throwNull()
    {
        var nothing : .internal.object;
        nothing = null;
        try
        {
            throw nothing;
        }
        catch (string e)
        {
            return "caught: " + e;
        }
        return "nothing thrown";
    }

    void run(var boot) [8]
    {
        out = boot;
        out.16(overflow() + "\n");
        out.16("still running after the overflow\n");
        out.16(throwNull() + "\n");
        boot.16("first ", "second\n");
        boot.21(20);
        out.16("slept\n");
    }
};
