// covers: switch without default (no case matches: nothing runs), switch inside a loop with break leaving only the switch
package .test.switchnodef;

class nodef
{
    int bonus(var level : int)
    {
        var b : int;
        b = 0;
        switch (level)
        {
            case 1:
                b = 10;
                break;
            case 2:
                b = 25;
                break;
        }
        return b;
    }

    int loopy()
    {
        var i : int;
        var hits : int;
        i = 0;
        hits = 0;
        while (i < 5)
        {
            switch (i)
            {
                case 3:
                    hits = hits + 1;
                    break;
            }
            i = i + 1;
        }
        return hits;
    }
};
