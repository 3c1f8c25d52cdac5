// covers: .phantom.util.stringbuilder: append, appendInt, appendObject (including null), newline, chained appends, length, toString twice, clear, building a 1000-piece string
package .test;

import .phantom.util.stringbuilder;

class main
{
    var out;

    void run(var boot) [8]
    {
        var sb : .phantom.util.stringbuilder;
        var s : string;
        var i : int;
        out = boot;
        sb = new .phantom.util.stringbuilder();
        out.16("empty: [" + sb.toString() + "] length " + sb.length() + "\n");
        sb.append("x = ").appendInt(42).append(", list ").appendObject(new item(3)).append(", none ").appendObject(null);
        sb.newline();
        s = sb.toString();
        out.16(s);
        out.16("length " + sb.length() + " = " + s.length() + "\n");
        out.16("again: " + sb.toString());
        sb.append("more");
        out.16("after more: " + sb + "\n");
        sb.clear();
        i = 0;
        while (i < 1000)
        {
            sb.appendInt(i % 10);
            i = i + 1;
        }
        s = sb.toString();
        out.16("1000 digits: length " + s.length() + " " + sb.length() + ", starts " + s.substring(0, 12) + ", ends " + s.substring(990, 10) + "\n");
    }
};

class item
{
    var n : int;

    void item(var x : int)
    {
        n = x;
    }

    string toString()
    {
        return "item#" + n;
    }
};
