// covers: an uncaught VM error (integer division by zero) ends the program with exit code 1 and "division by zero" on stderr; a try/catch for another class does not stop it
package .test;

class main
{
    var out;

    int ratio(var a : int, var b : int)
    {
        return a / b;
    }

    int guarded(var a : int, var b : int)
    {
        try
        {
            return ratio(a, b);
        }
        catch (box x)
        {
            out.16("wrong handler\n");
        }
        return -1;
    }

    void run(var boot) [8]
    {
        var i : int;
        out = boot;
        i = 3;
        while (i >= 0)
        {
            out.16("12 / " + i + " = " + guarded(12, i) + "\n");
            i = i - 1;
        }
        out.16("not reached\n");
    }
};

class box
{
    var v : int;
};
