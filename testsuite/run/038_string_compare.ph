// covers: lexicographic comparison of strings written with charAt and length, sorting strings with it (insertion sort)
package .test;

class main
{
    var out;

    // <0, 0 or >0 like C strcmp
    int compare(var a : string, var b : string)
    {
        var i : int;
        var n : int;
        n = a.length();
        if (b.length() < n)
            n = b.length();
        i = 0;
        while (i < n)
        {
            if (a.charAt(i) != b.charAt(i))
                return a.charAt(i) - b.charAt(i);
            i = i + 1;
        }
        return a.length() - b.length();
    }

    string sign(var v : int)
    {
        if (v < 0)
            return "<";
        if (v > 0)
            return ">";
        return "=";
    }

    void run(var boot) [8]
    {
        var w : string[];
        var i : int;
        var j : int;
        var key : string;
        var line : string;
        out = boot;
        out.16("apple ? banana: " + sign(compare("apple", "banana")) + "\n");
        out.16("pear ? peach: " + sign(compare("pear", "peach")) + "\n");
        out.16("abc ? abc: " + sign(compare("abc", "abc")) + "\n");
        out.16("ab ? abc: " + sign(compare("ab", "abc")) + "\n");
        out.16("Zebra ? apple: " + sign(compare("Zebra", "apple")) + "\n");
        out.16("compare(b, a)=" + compare("b", "a") + "\n");
        w = new string[]();
        w[0] = "delta";
        w[1] = "alpha";
        w[2] = "charlie";
        w[3] = "bravo";
        w[4] = "alp";
        w[5] = "echo";
        i = 1;
        while (i < w.size())
        {
            key = w[i];
            j = i - 1;
            // && evaluates both sides, so the index test cannot guard w[j]
            while (j >= 0)
            {
                if (compare(w[j], key) <= 0)
                    break;
                w[j + 1] = w[j];
                j = j - 1;
            }
            w[j + 1] = key;
            i = i + 1;
        }
        line = "";
        i = 0;
        while (i < w.size())
        {
            line = line + w[i] + " ";
            i = i + 1;
        }
        out.16(line + "\n");
    }
};
