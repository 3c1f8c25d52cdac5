// covers: break and continue in while loops, nested loops where break/continue affect only the innermost loop
package .test.brk;

class search
{
    int firstMultiple(var of : int, var above : int)
    {
        var i : int;
        i = above;
        while (1)
        {
            i = i + 1;
            if (i % of != 0)
                continue;
            break;
        }
        return i;
    }

    int pairs(var n : int)
    {
        var i : int;
        var j : int;
        var c : int;
        i = 0;
        c = 0;
        while (i < n)
        {
            i = i + 1;
            j = 0;
            while (1)
            {
                j = j + 1;
                if (j > i) break;
                if (j == 2) continue;
                c = c + 1;
            }
        }
        return c;
    }
};
