// covers: a table-free state machine driven by switch on an int state and on input characters: recognising signed decimal numbers with an optional fraction
package .test;

class main
{
    var out;

    // 0 start, 1 sign seen, 2 integer digits, 3 dot seen, 4 fraction digits, 5 error
    int accepts(var s : string)
    {
        var state : int;
        var i : int;
        var c : int;
        var digit : int;
        state = 0;
        i = 0;
        while (i < s.length())
        {
            c = s.charAt(i);
            digit = 0;
            if (c >= 48 && c <= 57)
                digit = 1;
            switch (state)
            {
                case 0:
                    if (c == 43 || c == 45)
                        state = 1;
                    else if (digit)
                        state = 2;
                    else
                        state = 5;
                    break;
                case 1:
                    if (digit)
                        state = 2;
                    else
                        state = 5;
                    break;
                case 2:
                    if (digit)
                        state = 2;
                    else if (c == 46)
                        state = 3;
                    else
                        state = 5;
                    break;
                case 3:
                case 4:
                    if (digit)
                        state = 4;
                    else
                        state = 5;
                    break;
                default:
                    return 0;
            }
            i = i + 1;
        }
        return state == 2 || state == 4;
    }

    void check(var s : string)
    {
        out.16("[" + s + "] " + accepts(s) + "\n");
    }

    void run(var boot) [8]
    {
        out = boot;
        check("42");
        check("-17");
        check("+3.25");
        check("3.");
        check(".5");
        check("1.2.3");
        check("12a");
        check("");
        check("-");
        check("007.000");
    }
};
