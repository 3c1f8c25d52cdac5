// covers: arrays of strings: filling, joining with a separator, finding the longest, counting matches with ==, replacing elements
package .test;

class main
{
    var out;

    string join(var a : string[], var sep : string)
    {
        var s : string;
        var i : int;
        s = "";
        i = 0;
        while (i < a.size())
        {
            if (i > 0)
                s = s + sep;
            s = s + a[i];
            i = i + 1;
        }
        return s;
    }

    void run(var boot) [8]
    {
        var names : string[];
        var longest : string;
        var i : int;
        var n : int;
        out = boot;
        names = new string[]();
        names[0] = "alpha";
        names[1] = "beta";
        names[2] = "gamma";
        names[3] = "beta";
        names[4] = "epsilon";
        out.16(join(names, ", ") + "\n");
        out.16("size=" + names.size() + "\n");
        longest = names[0];
        n = 0;
        i = 0;
        while (i < names.size())
        {
            if (names[i].length() > longest.length())
                longest = names[i];
            if (names[i] == "beta")
                n = n + 1;
            i = i + 1;
        }
        out.16("longest=" + longest + " betas=" + n + "\n");
        names[1] = "BETA";
        out.16(join(names, "/") + "\n");
        out.16("first letters: ");
        i = 0;
        while (i < names.size())
        {
            out.16(names[i].substring(0, 1));
            i = i + 1;
        }
        out.16("\n");
    }
};
