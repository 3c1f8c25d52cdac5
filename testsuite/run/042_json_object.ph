// covers: string.parseJson on an object: the result is an .internal.directory (checked cast), member lookups, sizes of nested arrays and objects, string leaves, absent keys
package .test;

import .internal.directory;

class main
{
    var out;

    void run(var boot) [8]
    {
        var d : .internal.directory;
        var inner : .internal.directory;
        var list : .internal.object[];
        var text : string;
        out = boot;
        d = (.internal.directory) "{\"a\": [1, 2]}".parseJson();
        out.16("top size=" + d.size() + "\n");
        list = (.internal.object[]) d.get("a");
        out.16("a size=" + list.size() + "\n");
        out.16("a[0] null=" + (list[0] :== null) + "\n");

        text = "{\"name\": \"phantom\", \"tags\": [\"os\", \"vm\", \"persistent\"], \"inner\": {\"x\": \"1\", \"y\": \"two\"}, \"n\": 42}";
        d = (.internal.directory) text.parseJson();
        out.16("size=" + d.size() + "\n");
        out.16("name=" + d.get("name") + "\n");
        list = (.internal.object[]) d.get("tags");
        out.16("tags size=" + list.size() + " tags[0]=" + list[0] + " tags[2]=" + list[2] + "\n");
        inner = (.internal.directory) d.get("inner");
        out.16("inner size=" + inner.size() + " x=" + inner.get("x") + " y=" + inner.get("y") + "\n");
        out.16("missing is null=" + (d.get("missing") :== null) + " n present=" + (d.get("n") :!= null) + "\n");
        if (d.get("name") == "phantom")
            out.16("name equals phantom\n");
    }
};
