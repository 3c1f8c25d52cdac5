// dict: put 200,000 keys "k"+i (value i % 1000) into an .internal.directory, then look each up and sum the values; checksum = 99900000
package .bench;

import .internal.directory;

class dict
{
    void run(var boot) [8]
    {
        var d : .internal.directory;
        var i : int;
        var s : long;
        d = new .internal.directory();
        i = 0;
        while (i < 200000)
        {
            d.put("k" + i, i % 1000);
            i = i + 1;
        }
        s = 0;
        i = 0;
        while (i < 200000)
        {
            s = s + ((int) d.get("k" + i));
            i = i + 1;
        }
        boot.16("" + s + "\n");
    }
};
