// covers: arrays grow on set past the end, size() is the highest index + 1, skipped-over slots read back as null, overwriting keeps the size, growth in a loop to 1000 elements
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var a : int[];
        var o : .internal.object[];
        var i : int;
        var nulls : int;
        var sum : int;
        out = boot;
        a = new int[]();
        a[5] = 50;
        out.16("size after a[5]=" + a.size() + "\n");
        nulls = 0;
        i = 0;
        while (i < a.size())
        {
            if (a[i] :== null)
                nulls = nulls + 1;
            i = i + 1;
        }
        out.16("null slots=" + nulls + " a[5]=" + a[5] + "\n");
        a[2] = 20;
        out.16("size after a[2]=" + a.size() + " a[2]=" + a[2] + " a[1] null=" + (a[1] :== null) + "\n");
        a[5] = 55;
        out.16("size after overwrite=" + a.size() + " a[5]=" + a[5] + "\n");
        a[100] = 1;
        out.16("size after a[100]=" + a.size() + " a[99] null=" + (a[99] :== null) + " a[5]=" + a[5] + "\n");

        o = new .internal.object[]();
        i = 0;
        while (i < 1000)
        {
            o[i] = i;
            i = i + 1;
        }
        sum = 0;
        i = 0;
        while (i < o.size())
        {
            sum = sum + ((int) o[i]);
            i = i + 1;
        }
        out.16("1000 elements: size=" + o.size() + " sum=" + sum + " o[999]=" + o[999] + "\n");
        o[3] = null;
        out.16("o[3] set to null: " + (o[3] :== null) + " size=" + o.size() + "\n");
    }
};
