// covers: switch with case labels and default, break out of a switch, switch on an int expression
package .test.switchdef;

class days
{
    string name(var d : int)
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
            default:
                r = "other";
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
        return 0;
    }
};
