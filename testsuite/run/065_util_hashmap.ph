// covers: .phantom.util.hashmap: put (insert and update), get, containsKey, remove (head and middle of a chain), size, clear, string and int keys, growth past the initial bucket count
package .test;

import .phantom.util.hashmap;

class main
{
    var out;

    void run(var boot) [8]
    {
        var h : .phantom.util.hashmap;
        var small : .phantom.util.hashmap;
        var i : int;
        var sum : int;
        var found : int;
        out = boot;
        h = new .phantom.util.hashmap();
        h.put("apple", 3);
        h.put("pear", 5);
        h.put("plum", 7);
        out.16("size=" + h.size() + " apple=" + h.get("apple") + " pear=" + h.get("pear") + " plum=" + h.get("plum") + "\n");
        h.put("pear", 50);
        out.16("after update size=" + h.size() + " pear=" + h.get("pear") + "\n");
        out.16("containsKey plum=" + h.containsKey("plum") + " fig=" + h.containsKey("fig") + " get fig null=" + (h.get("fig") :== null) + "\n");
        out.16("remove plum -> " + h.remove("plum") + " size=" + h.size() + " containsKey plum=" + h.containsKey("plum") + "\n");
        out.16("remove fig null=" + (h.remove("fig") :== null) + " size=" + h.size() + "\n");
        h.clear();
        out.16("cleared size=" + h.size() + " apple null=" + (h.get("apple") :== null) + "\n");

        // starts with one bucket: keys share chains (removals hit heads and middles), then the table grows
        small = new .phantom.util.hashmap(1);
        i = 0;
        while (i < 5)
        {
            small.put(i, i * 100);
            i = i + 1;
        }
        out.16("small size=" + small.size() + "\n");
        small.remove(2);
        small.remove(4);
        small.remove(0);
        sum = 0;
        found = 0;
        i = 0;
        while (i < 5)
        {
            if (small.containsKey(i))
            {
                found = found + 1;
                sum = sum + ((int) small.get(i));
            }
            i = i + 1;
        }
        out.16("after removals size=" + small.size() + " found=" + found + " sum=" + sum + "\n");

        // growth: 200 keys in a map that starts with 16 buckets
        i = 0;
        while (i < 200)
        {
            h.put("k" + i, i);
            i = i + 1;
        }
        sum = 0;
        i = 0;
        while (i < 200)
        {
            sum = sum + ((int) h.get("k" + i));
            i = i + 1;
        }
        out.16("200 keys: size=" + h.size() + " sum=" + sum + " k199=" + h.get("k199") + "\n");
    }
};
