// covers: recursive generation of all permutations of a string (substring/concat in recursion), counting them, subsets of a small set via bit masks
package .test;

class main
{
    var out;
    var found : string[];

    void permute(var prefix : string, var rest : string)
    {
        var i : int;
        var before : string;
        var after : string;
        if (rest.length() == 0)
        {
            found[found.size()] = prefix;
            return;
        }
        i = 0;
        while (i < rest.length())
        {
            before = "";
            if (i > 0)
                before = rest.substring(0, i);
            after = "";
            if (i + 1 < rest.length())
                after = rest.substring(i + 1, rest.length());
            permute(prefix + rest.substring(i, 1), before + after);
            i = i + 1;
        }
    }

    void run(var boot) [8]
    {
        var i : int;
        var line : string;
        var mask : int;
        var bit : int;
        var items : string[];
        out = boot;
        found = new string[]();
        permute("", "abc");
        line = "";
        i = 0;
        while (i < found.size())
        {
            line = line + found[i] + " ";
            i = i + 1;
        }
        out.16("abc: " + line + "\n");
        found = new string[]();
        permute("", "abcde");
        out.16("abcde: " + found.size() + " permutations, first " + found[0] + ", last " + found[found.size() - 1] + ", 60th " + found[59] + "\n");
        items = new string[]();
        items[0] = "x";
        items[1] = "y";
        items[2] = "z";
        line = "";
        mask = 0;
        while (mask < 8)
        {
            line = line + "{";
            bit = 0;
            while (bit < 3)
            {
                if ((mask / power2(bit)) % 2 == 1)
                    line = line + items[bit];
                bit = bit + 1;
            }
            line = line + "} ";
            mask = mask + 1;
        }
        out.16("subsets: " + line + "\n");
    }

    int power2(var n : int)
    {
        var r : int;
        r = 1;
        while (n > 0)
        {
            r = r * 2;
            n = n - 1;
        }
        return r;
    }
};
