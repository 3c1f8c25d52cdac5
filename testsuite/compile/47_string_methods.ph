// covers: calling built-in .internal.string methods by name: length, charAt, substring, concat, strstr, toInt
package .test.strm;

class strm
{
    int firstChar(var s : string)
    {
        if (s.length() == 0)
            return -1;
        return s.charAt(0);
    }

    string middle(var s : string)
    {
        return s.substring(1, s.length() - 2);
    }

    int contains(var s : string, var what : string)
    {
        return s.strstr(what) >= 0;
    }

    int parse(var s : string)
    {
        return s.toInt() + "12".toInt();
    }

    string join(var a : string, var b : string)
    {
        return a.concat(",").concat(b);
    }
};
