// covers: .phantom.util.list: add, get, set (returns the old value), insert at the front, middle and end, removeAt, remove by value, indexOf, contains, isEmpty, size, toString "[a, b]" (strings and ints are kept in separate lists: string equals is only asked about strings)
package .test;

import .phantom.util.list;

class main
{
    var out;

    void run(var boot) [8]
    {
        var l : .phantom.util.list;
        var i : int;
        var sum : int;
        out = boot;
        l = new .phantom.util.list();
        out.16("empty: " + l + " size " + l.size() + " isEmpty " + l.isEmpty() + "\n");
        l.add("b");
        l.add("d");
        l.add("e");
        out.16(l.toString() + " size " + l.size() + " isEmpty " + l.isEmpty() + "\n");
        l.insert(0, "a");
        l.insert(2, "c");
        l.insert(l.size(), "end");
        out.16(l + "\n");
        out.16("get(1)=" + l.get(1) + " get(4)=" + l.get(4) + "\n");
        out.16("set(4) old=" + l.set(4, "E") + " now " + l + "\n");
        out.16("indexOf(c)=" + l.indexOf("c") + " indexOf(E)=" + l.indexOf("E") + " indexOf(zz)=" + l.indexOf("zz") + "\n");
        out.16("contains(d)=" + l.contains("d") + " contains(q)=" + l.contains("q") + "\n");
        out.16("removeAt(0)=" + l.removeAt(0) + " -> " + l + "\n");
        out.16("remove(d)=" + l.remove("d") + " remove(q)=" + l.remove("q") + " -> " + l + "\n");
        try
        {
            l.get(10);
            out.16("no exception\n");
        }
        catch (string e)
        {
            out.16("caught: " + e + "\n");
        }
        l.clear();
        i = 0;
        while (i < 10)
        {
            l.add(i * i);
            i = i + 1;
        }
        sum = 0;
        i = 0;
        while (i < l.size())
        {
            sum = sum + ((int) l.get(i));
            i = i + 1;
        }
        out.16(l + " sum " + sum + "\n");
    }
};
