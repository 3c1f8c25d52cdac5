// covers: do-while ending with ';', do-while with a trailing statement run after each successful test, continue in do-while
package .test.dowhile;

class loops
{
    int plain(var n : int)
    {
        var i : int;
        i = 0;
        do
        {
            i = i + 1;
        } while (i < n);
        return i;
    }

    int trailing(var n : int)
    {
        var i : int;
        var j : int;
        i = n;
        j = 0;
        do { j = j + 1; } while (i) i = i - 1;
        return j;
    }

    int skipping()
    {
        var i : int;
        var odd : int;
        i = 0;
        odd = 0;
        do
        {
            i = i + 1;
            if (i % 2 == 0)
                continue;
            odd = odd + 1;
        } while (i < 10);
        return odd;
    }
};
