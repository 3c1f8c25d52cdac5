// covers: building a long string by repeated concatenation (2000 appends of "hello", the strcat benchmark in small), checking length and content at both ends, and the same with the stringbuilder
package .test;

import .phantom.util.stringbuilder;

class main
{
    void run(var boot) [8]
    {
        var s : string;
        var i : int;
        var sb : .phantom.util.stringbuilder;
        var t : string;
        s = "";
        i = 0;
        while (i < 2000)
        {
            s = s.concat("hello");
            i = i + 1;
        }
        boot.16("length " + s.length() + "\n");
        boot.16("start " + s.substring(0, 12) + " end " + s.substring(s.length() - 7, 7) + "\n");
        boot.16("strstr(ohe) " + s.strstr("ohe") + " strstr(hh) " + s.strstr("hh") + "\n");
        sb = new .phantom.util.stringbuilder();
        i = 0;
        while (i < 2000)
        {
            sb.append("hello");
            i = i + 1;
        }
        t = sb.toString();
        boot.16("builder length " + t.length() + " same text " + (t == s) + "\n");
    }
};
