// covers: .phantom.util.map: put (1 for a new key, 0 for an update), get, containsKey, remove, size, keyAt/valueAt in insertion order, int keys, the index-out-of-range exception
package .test;

import .phantom.util.map;

class main
{
    var out;

    string dump(var m : .phantom.util.map)
    {
        var s : string;
        var i : int;
        s = "{";
        i = 0;
        while (i < m.size())
        {
            if (i > 0)
                s = s + ", ";
            s = s + m.keyAt(i) + "=" + m.valueAt(i);
            i = i + 1;
        }
        return s + "}";
    }

    void run(var boot) [8]
    {
        var m : .phantom.util.map;
        var n : .phantom.util.map;
        out = boot;
        m = new .phantom.util.map();
        out.16("empty: " + dump(m) + " size " + m.size() + "\n");
        out.16("put one: " + m.put("one", 1) + "\n");
        out.16("put two: " + m.put("two", 2) + "\n");
        out.16("put three: " + m.put("three", 3) + "\n");
        out.16("put two again: " + m.put("two", 22) + "\n");
        out.16(dump(m) + " size " + m.size() + "\n");
        out.16("get two=" + m.get("two") + " get four null=" + (m.get("four") :== null) + "\n");
        out.16("containsKey one=" + m.containsKey("one") + " four=" + m.containsKey("four") + "\n");
        out.16("remove one -> " + m.remove("one") + ", remove four null=" + (m.remove("four") :== null) + "\n");
        out.16(dump(m) + " size " + m.size() + "\n");
        try
        {
            m.keyAt(5);
            out.16("no exception\n");
        }
        catch (string e)
        {
            out.16("caught: " + e + "\n");
        }
        n = new .phantom.util.map();
        n.put(10, "ten");
        n.put(20, "twenty");
        out.16("int keys: " + n.get(20) + " " + n.get(10) + " " + dump(n) + "\n");
        m.clear();
        out.16("cleared: " + dump(m) + " size " + m.size() + "\n");
    }
};
