// Collects pieces and joins them once. Strings are immutable and concat
// copies both sides, so appending piece by piece costs O(n^2); joining
// neighbours pairwise in toString() costs O(n log n).

package .phantom.util;

import .internal.object;
import .internal.string;
import .internal.int;

class .phantom.util.stringbuilder
{
    // Only strings are stored; typed .internal.object so that joined-away
    // slots can be cleared with null.
    var parts : .internal.object [];
    var nParts : int;
    var len : int;

    void stringbuilder()
    {
        clear();
    }

    void clear()
    {
        parts = new .internal.object[]();
        nParts = 0;
        len = 0;
    }

    // Returns this builder, so calls can be chained.
    .phantom.util.stringbuilder append(var s : .internal.string)
    {
        var t : .internal.string;
        t = s;
        // Methods of the null object above ordinal 15 abort the VM.
        if (t :== null)
            t = "null";
        parts[nParts] = t;
        nParts = nParts + 1;
        len = len + t.length();
        return this;
    }

    .phantom.util.stringbuilder appendInt(var n : int)
    {
        return append(n.toString());
    }

    .phantom.util.stringbuilder appendObject(var o : .internal.object)
    {
        if (o :== null)
            return append("null");
        return append(o.toString());
    }

    .phantom.util.stringbuilder newline()
    {
        return append("\n");
    }

    // Length in bytes of the text so far.
    int length()
    {
        return len;
    }

    // Joins the pieces and keeps the result as the only piece, so a
    // repeated toString() is cheap.
    .internal.string toString() [5]
    {
        var n : int;
        var i : int;
        var j : int;
        var a : .internal.string;
        var b : .internal.string;
        if (nParts < 1)
            return "";
        n = nParts;
        while (n > 1)
        {
            i = 0;
            j = 0;
            while (i < n)
            {
                a = parts[i];
                if (i + 1 < n)
                {
                    b = parts[i + 1];
                    a = a.concat(b);
                }
                parts[j] = a;
                j = j + 1;
                i = i + 2;
            }
            i = j;
            while (i < n)
            {
                parts[i] = null;
                i = i + 1;
            }
            n = j;
        }
        nParts = 1;
        a = parts[0];
        return a;
    }
};
