// covers: foreach over an array with an undeclared loop variable and with a declared one, break inside foreach
package .test.iter;

class each
{
    int count(var items : string[])
    {
        var n : int;
        n = 0;
        foreach (s in items)
        {
            n = n + 1;
        }
        return n;
    }

    int findFirst(var items : .internal.object[], var what)
    {
        var it : .internal.object;
        var pos : int;
        pos = 0;
        foreach (it in items)
        {
            if (it :== what)
                break;
            pos = pos + 1;
        }
        return pos;
    }
};
