// covers: a bubble sort over an int array: nested while loops, array get/set with computed indexes, swaps through a temporary
package .test.sort;

class sorter
{
    void sort(var a : int[])
    {
        var n : int;
        var i : int;
        var j : int;
        var t : int;
        n = a.size();
        i = 0;
        while (i < n - 1)
        {
            j = 0;
            while (j < n - 1 - i)
            {
                if (a[j] > a[j + 1])
                {
                    t = a[j];
                    a[j] = a[j + 1];
                    a[j + 1] = t;
                }
                j = j + 1;
            }
            i = i + 1;
        }
    }

    void main(var boot) [8]
    {
        var a : int[];
        a = new int[]();
        a[0] = 5;
        a[1] = 1;
        a[2] = 4;
        a[3] = 2;
        sort(a);
        if (a[0] == 1 && a[3] == 5)
            boot.16("sorted\n");
    }
};
