// covers: string escapes \n \t \" \\ \r \b and their byte values, a raw newline inside a literal, strings are bytes (length counts bytes)
package .test;

class main
{
    var out;

    string codes(var s : string)
    {
        var r : string;
        var i : int;
        r = "";
        i = 0;
        while (i < s.length())
        {
            r = r + s.charAt(i) + " ";
            i = i + 1;
        }
        return r;
    }

    void run(var boot) [8]
    {
        out = boot;
        out.16("tab:\t|quote:\"|backslash:\\|\n");
        out.16(codes("a\tb") + "\n");
        out.16(codes("\n\r\"\\\b") + "\n");
        out.16("two
lines\n");
        out.16(codes("x
y") + "\n");
        out.16("length of \\n\\t is " + "\n\t".length() + "\n");
    }
};
