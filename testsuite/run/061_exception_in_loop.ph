// covers: try/catch inside a loop (some iterations throw, some do not), try around a whole loop left by a throw, break and continue inside a try body
package .test;

class main
{
    var out;

    void maybeFail(var i : int)
    {
        if (i % 3 == 0)
            throw "bad " + i;
    }

    string perIteration()
    {
        var i : int;
        var log : string;
        log = "";
        i = 1;
        while (i <= 7)
        {
            try
            {
                maybeFail(i);
                log = log + i + " ";
            }
            catch (string e)
            {
                log = log + "(" + e + ") ";
            }
            i = i + 1;
        }
        return log;
    }

    string aroundLoop()
    {
        var i : int;
        var sum : int;
        sum = 0;
        i = 1;
        try
        {
            while (i < 100)
            {
                maybeFail(i);
                sum = sum + i;
                i = i + 1;
            }
        }
        catch (string e)
        {
            return "stopped by " + e + " with sum " + sum;
        }
        return "finished";
    }

    string breakInTry()
    {
        var i : int;
        var log : string;
        log = "";
        i = 0;
        while (i < 10)
        {
            i = i + 1;
            try
            {
                if (i == 2)
                    continue;
                if (i == 5)
                    break;
                log = log + i + " ";
            }
            catch (string e)
            {
                log = log + "wrong";
            }
        }
        return log + "i=" + i;
    }

    void run(var boot) [8]
    {
        out = boot;
        out.16(perIteration() + "\n");
        out.16(aroundLoop() + "\n");
        out.16(breakInTry() + "\n");
    }
};
