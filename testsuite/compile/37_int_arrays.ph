// covers: int arrays: new int[](), element set and get, size(), array elements in arithmetic
package .test.intarr;

class intarr
{
    int sum(var a : int[])
    {
        var i : int;
        var s : int;
        i = 0;
        s = 0;
        while (i < a.size())
        {
            s = s + a[i];
            i = i + 1;
        }
        return s;
    }

    void main(var boot) [8]
    {
        var a : int[];
        var i : int;
        a = new int[]();
        i = 0;
        while (i < 10)
        {
            a[i] = i * i;
            i = i + 1;
        }
        a[0] = a[1] + a[2];
        if (sum(a) == 290)
            boot.16("sum of squares ok\n");
    }
};
