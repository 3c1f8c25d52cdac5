// covers: new int[](), element set and get, size(), sum/min/max over an array, in-place reversal, array as a field and as an argument (shared reference)
package .test;

class main
{
    var out;
    var data : int[];

    string show(var a : int[])
    {
        var s : string;
        var i : int;
        s = "[";
        i = 0;
        while (i < a.size())
        {
            if (i > 0)
                s = s + " ";
            s = s + a[i];
            i = i + 1;
        }
        return s + "]";
    }

    void doubleAll(var a : int[])
    {
        var i : int;
        i = 0;
        while (i < a.size())
        {
            a[i] = a[i] * 2;
            i = i + 1;
        }
    }

    void run(var boot) [8]
    {
        var a : int[];
        var i : int;
        var j : int;
        var t : int;
        var sum : int;
        var min : int;
        var max : int;
        out = boot;
        a = new int[]();
        out.16("empty size=" + a.size() + "\n");
        i = 0;
        while (i < 8)
        {
            a[i] = (i * 7) % 10 - 3;
            i = i + 1;
        }
        out.16("a=" + show(a) + " size=" + a.size() + "\n");
        sum = 0;
        min = a[0];
        max = a[0];
        i = 0;
        while (i < a.size())
        {
            sum = sum + a[i];
            if (a[i] < min)
                min = a[i];
            if (a[i] > max)
                max = a[i];
            i = i + 1;
        }
        out.16("sum=" + sum + " min=" + min + " max=" + max + "\n");
        i = 0;
        j = a.size() - 1;
        while (i < j)
        {
            t = a[i];
            a[i] = a[j];
            a[j] = t;
            i = i + 1;
            j = j - 1;
        }
        out.16("reversed=" + show(a) + "\n");
        data = a;
        doubleAll(data);
        out.16("doubled through the field=" + show(a) + "\n");
        a[2] = 1000;
        out.16("a[2]=" + a[2] + " data[2]=" + data[2] + "\n");
        out.16("a[1]+a[3]=" + (a[1] + a[3]) + "\n");
    }
};
