// covers: splitting text into words with charAt/substring, counting word frequencies in an .internal.directory (updates as remove + put), keeping first-seen order in a string array, the most frequent word
package .test;

import .internal.directory;

class main
{
    var out;

    void run(var boot) [8]
    {
        var text : string;
        var words : string[];
        var order : string[];
        var counts : .internal.directory;
        var i : int;
        var start : int;
        var n : int;
        var w : string;
        var best : string;
        var bestCount : int;
        var c : int;
        out = boot;
        text = "the cat and the dog and the bird saw a cat";
        words = new string[]();
        n = 0;
        start = 0;
        i = 0;
        while (i <= text.length())
        {
            if (i == text.length())
            {
                if (i > start)
                {
                    words[n] = text.substring(start, i - start);
                    n = n + 1;
                }
            }
            else if (text.charAt(i) == 32)
            {
                if (i > start)
                {
                    words[n] = text.substring(start, i - start);
                    n = n + 1;
                }
                start = i + 1;
            }
            i = i + 1;
        }
        out.16("words: " + words.size() + "\n");
        counts = new .internal.directory();
        order = new string[]();
        i = 0;
        while (i < words.size())
        {
            w = words[i];
            if (counts.get(w) :== null)
            {
                counts.put(w, 1);
                order[order.size()] = w;
            }
            else
            {
                // remove first: whether put replaces an existing key is not specified
                c = (int) counts.get(w);
                counts.remove(w);
                counts.put(w, c + 1);
            }
            i = i + 1;
        }
        out.16("distinct: " + order.size() + " directory size: " + counts.size() + "\n");
        best = "";
        bestCount = 0;
        i = 0;
        while (i < order.size())
        {
            w = order[i];
            c = (int) counts.get(w);
            out.16(w + "=" + c + "\n");
            if (c > bestCount)
            {
                bestCount = c;
                best = w;
            }
            i = i + 1;
        }
        out.16("most frequent: " + best + " (" + bestCount + ")\n");
    }
};
