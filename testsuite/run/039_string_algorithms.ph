// covers: string reversal with substring, palindrome test with charAt, counting words, upper-casing by byte arithmetic, replacing a substring found with strstr
package .test;

class main
{
    var out;

    string reverse(var s : string)
    {
        var r : string;
        var i : int;
        r = "";
        i = s.length() - 1;
        while (i >= 0)
        {
            r = r + s.substring(i, 1);
            i = i - 1;
        }
        return r;
    }

    int isPalindrome(var s : string)
    {
        var i : int;
        var j : int;
        i = 0;
        j = s.length() - 1;
        while (i < j)
        {
            if (s.charAt(i) != s.charAt(j))
                return 0;
            i = i + 1;
            j = j - 1;
        }
        return 1;
    }

    int words(var s : string)
    {
        var i : int;
        var n : int;
        var inWord : int;
        n = 0;
        inWord = 0;
        i = 0;
        while (i < s.length())
        {
            if (s.charAt(i) == 32)
                inWord = 0;
            else
            {
                if (inWord == 0)
                    n = n + 1;
                inWord = 1;
            }
            i = i + 1;
        }
        return n;
    }

    string upper(var s : string)
    {
        var digits : string;
        var r : string;
        var i : int;
        var c : int;
        digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        r = "";
        i = 0;
        while (i < s.length())
        {
            c = s.charAt(i);
            if (c >= 97 && c <= 122)
                r = r + digits.substring(c - 97, 1);
            else
                r = r + s.substring(i, 1);
            i = i + 1;
        }
        return r;
    }

    string replace(var s : string, var what : string, var with : string)
    {
        var p : int;
        var rest : int;
        p = s.strstr(what);
        if (p < 0)
            return s;
        rest = p + what.length();
        // substring throws when its index is at the end of the string
        if (rest >= s.length())
            return s.substring(0, p) + with;
        return s.substring(0, p) + with + s.substring(rest, s.length());
    }

    void run(var boot) [8]
    {
        out = boot;
        out.16("reverse(phantom)=" + reverse("phantom") + "\n");
        out.16("reverse(a)=" + reverse("a") + " reverse()=[" + reverse("") + "]\n");
        out.16("palindromes: " + isPalindrome("racecar") + isPalindrome("abba") + isPalindrome("abca") + isPalindrome("x") + isPalindrome("") + "\n");
        out.16("words: " + words("the quick  brown fox ") + " " + words("   ") + " " + words("one") + "\n");
        out.16(upper("Hello, World 42!") + "\n");
        out.16(replace("I like tea a lot", "tea", "coffee") + "\n");
        out.16(replace("nothing here", "zzz", "!") + "\n");
        out.16(replace("tail end", "end", "stop") + "\n");
    }
};
