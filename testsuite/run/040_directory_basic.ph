// covers: .internal.directory put (returns 0), get of present and absent keys (null), size, remove, values of different classes, keys built at run time
package .test;

import .internal.directory;

class main
{
    var out;

    void run(var boot) [8]
    {
        var d : .internal.directory;
        var v : .internal.object;
        var key : string;
        out = boot;
        d = new .internal.directory();
        out.16("empty size=" + d.size() + "\n");
        out.16("put one: " + d.put("one", 1) + "\n");
        out.16("put two: " + d.put("two", "zwei") + "\n");
        out.16("put three: " + d.put("three", (.internal.object) 3) + "\n");
        out.16("size=" + d.size() + "\n");
        out.16("get one=" + d.get("one") + " get two=" + d.get("two") + " get three=" + d.get("three") + "\n");
        out.16("one + three=" + (((int) d.get("one")) + ((int) d.get("three"))) + "\n");
        v = d.get("four");
        out.16("get four is null: " + (v :== null) + "\n");
        key = "tw".concat("o");
        out.16("get with a built key: " + d.get(key) + "\n");
        if (d.get("two").equals("zwei"))
            out.16("equals zwei\n");
        out.16("remove two: " + d.remove("two") + "\n");
        out.16("size=" + d.size() + " get two is null: " + (d.get("two") :== null) + "\n");
        d.put("a key with spaces", "spaced");
        out.16("spaced key: " + d.get("a key with spaces") + " size=" + d.size() + "\n");
    }
};
