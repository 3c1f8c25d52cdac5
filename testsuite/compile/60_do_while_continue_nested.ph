// covers: do-while inside while inside do-while, continue and break targeting each loop kind, trailing-statement do-while in a loop
package .test.nest;

class nest
{
    int run(var n : int)
    {
        var i : int;
        var j : int;
        var k : int;
        var c : int;
        i = 0;
        c = 0;
        do
        {
            i = i + 1;
            j = 0;
            while (j < i)
            {
                j = j + 1;
                if (j == 2) continue;
                k = 0;
                do { k = k + 1; if (k > 3) break; c = c + 1; } while (k < j);
            }
            if (i > n) break;
        } while (1);
        k = 3;
        do c = c + 1; while (k) k = k - 1;
        return c;
    }
};
