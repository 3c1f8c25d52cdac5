// covers: switch fall-through from one case into the next, several labels on one body, computed case values
package .test.fallthrough;

class fall
{
    int stairs(var n : int)
    {
        var acc : int;
        acc = 0;
        switch (n)
        {
            case 3:
                acc = acc + 100;
            case 2:
                acc = acc + 10;
            case 1:
                acc = acc + 1;
                break;
            default:
                acc = -1;
        }
        return acc;
    }

    int vowel(var c : int)
    {
        switch (c)
        {
            case 97:
            case 101:
            case 105:
            case 0x6F:
            case 100 + 17:
                return 1;
        }
        return 0;
    }
};
