// covers: switch with case/break/default, no case matching goes to default, case values that are expressions, switch on an expression
package .test;

class main
{
    var out;

    string day(var d : int)
    {
        var r : string;
        switch (d)
        {
            case 0:
                r = "sun";
                break;
            case 1:
                r = "mon";
                break;
            case 2:
                r = "tue";
                break;
            case 1 + 2:
                r = "wed";
                break;
            default:
                r = "?";
                break;
        }
        return r;
    }

    int weekend(var d : int)
    {
        switch (d % 7)
        {
            case 0: return 1;
            case 6: return 1;
            default: return 0;
        }
        return -1;
    }

    void run(var boot) [8]
    {
        var i : int;
        out = boot;
        i = -1;
        while (i < 5)
        {
            out.16(i + ":" + day(i) + " ");
            i = i + 1;
        }
        out.16("\n");
        out.16("weekend: " + weekend(6) + weekend(7) + weekend(8) + weekend(13) + weekend(3) + "\n");
    }
};
