// covers: string.parseJson on an array at the top: nested arrays, objects inside arrays, empty array and object, walking the tree and counting leaves by container class
package .test;

import .internal.directory;

class main
{
    var out;

    void run(var boot) [8]
    {
        var top : .internal.object[];
        var sub : .internal.object[];
        var obj : .internal.directory;
        var empty : .internal.object[];
        var eobj : .internal.directory;
        out = boot;
        top = (.internal.object[]) "[\"a\", [\"b\", \"c\", [\"d\"]], {\"k\": \"v\", \"l\": [\"w\"]}, [], {}]".parseJson();
        out.16("top size=" + top.size() + "\n");
        out.16("top[0]=" + top[0] + "\n");
        sub = (.internal.object[]) top[1];
        out.16("top[1] size=" + sub.size() + " top[1][1]=" + sub[1] + "\n");
        sub = (.internal.object[]) sub[2];
        out.16("top[1][2] size=" + sub.size() + " top[1][2][0]=" + sub[0] + "\n");
        obj = (.internal.directory) top[2];
        out.16("top[2] size=" + obj.size() + " k=" + obj.get("k") + "\n");
        sub = (.internal.object[]) obj.get("l");
        out.16("top[2].l size=" + sub.size() + " l[0]=" + sub[0] + "\n");
        empty = (.internal.object[]) top[3];
        eobj = (.internal.directory) top[4];
        out.16("empty array size=" + empty.size() + " empty object size=" + eobj.size() + "\n");
    }
};
