// covers: recursive quicksort and selection sort on arrays with negative and repeated values, a sortedness check, binary search on the sorted result
package .test;

class main
{
    var out;

    string show(var a : int[])
    {
        var s : string;
        var i : int;
        s = "";
        i = 0;
        while (i < a.size())
        {
            s = s + a[i] + " ";
            i = i + 1;
        }
        return s;
    }

    void swap(var a : int[], var i : int, var j : int)
    {
        var t : int;
        t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    void quicksort(var a : int[], var lo : int, var hi : int)
    {
        var p : int;
        var i : int;
        var j : int;
        if (lo >= hi)
            return;
        p = a[hi];
        i = lo;
        j = lo;
        while (j < hi)
        {
            if (a[j] < p)
            {
                swap(a, i, j);
                i = i + 1;
            }
            j = j + 1;
        }
        swap(a, i, hi);
        quicksort(a, lo, i - 1);
        quicksort(a, i + 1, hi);
    }

    void selection(var a : int[])
    {
        var i : int;
        var j : int;
        var m : int;
        i = 0;
        while (i < a.size() - 1)
        {
            m = i;
            j = i + 1;
            while (j < a.size())
            {
                if (a[j] < a[m])
                    m = j;
                j = j + 1;
            }
            if (m != i)
                swap(a, i, m);
            i = i + 1;
        }
    }

    int sorted(var a : int[])
    {
        var i : int;
        i = 1;
        while (i < a.size())
        {
            if (a[i - 1] > a[i])
                return 0;
            i = i + 1;
        }
        return 1;
    }

    int search(var a : int[], var v : int)
    {
        var lo : int;
        var hi : int;
        var mid : int;
        lo = 0;
        hi = a.size() - 1;
        while (lo <= hi)
        {
            mid = (lo + hi) / 2;
            if (a[mid] == v)
                return mid;
            if (a[mid] < v)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        return -1;
    }

    void run(var boot) [8]
    {
        var a : int[];
        var b : int[];
        var i : int;
        var seed : int;
        out = boot;
        a = new int[]();
        b = new int[]();
        seed = 12345;
        i = 0;
        while (i < 20)
        {
            seed = (seed * 1103 + 12345) % 65536;
            a[i] = seed % 200 - 100;
            b[i] = a[i];
            i = i + 1;
        }
        a[20] = 7;
        b[20] = 7;
        a[21] = 7;
        b[21] = 7;
        out.16("input:     " + show(a) + "sorted=" + sorted(a) + "\n");
        quicksort(a, 0, a.size() - 1);
        out.16("quicksort: " + show(a) + "sorted=" + sorted(a) + "\n");
        selection(b);
        out.16("selection: " + show(b) + "sorted=" + sorted(b) + "\n");
        out.16("search 7 -> " + a[search(a, 7)] + ", search 1000 -> " + search(a, 1000) + ", search min -> " + search(a, a[0]) + "\n");
    }
};
