// covers: .internal.directory with 500 generated keys: size, lookups summed, removing every other key, absent keys after removal
package .test;

import .internal.directory;

class main
{
    var out;

    void run(var boot) [8]
    {
        var d : .internal.directory;
        var i : int;
        var sum : int;
        var missing : int;
        out = boot;
        d = new .internal.directory();
        i = 0;
        while (i < 500)
        {
            d.put("key" + i, i * 3);
            i = i + 1;
        }
        out.16("size=" + d.size() + "\n");
        sum = 0;
        i = 0;
        while (i < 500)
        {
            sum = sum + ((int) d.get("key" + i));
            i = i + 1;
        }
        out.16("sum=" + sum + "\n");
        out.16("key123=" + d.get("key123") + " key499=" + d.get("key499") + "\n");
        i = 0;
        while (i < 500)
        {
            d.remove("key" + i);
            i = i + 2;
        }
        out.16("size after removing even keys=" + d.size() + "\n");
        sum = 0;
        missing = 0;
        i = 0;
        while (i < 500)
        {
            if (d.get("key" + i) :== null)
                missing = missing + 1;
            else
                sum = sum + ((int) d.get("key" + i));
            i = i + 1;
        }
        out.16("missing=" + missing + " sum of the rest=" + sum + "\n");
        out.16("key500 is null: " + (d.get("key500") :== null) + "\n");
    }
};
