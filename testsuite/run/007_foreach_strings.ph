// covers: foreach over a string array with a typed loop variable, nested foreach, foreach over an array of objects
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var words : string[];
        var w : string;
        var v : string;
        var line : string;
        var cells : cell[];
        var c : cell;
        var total : int;
        out = boot;
        words = new string[]();
        words[0] = "red";
        words[1] = "green";
        words[2] = "blue";
        foreach (w in words)
            out.16(w + " has " + w.length() + " letters\n");
        foreach (w in words)
        {
            line = w + ":";
            foreach (v in words)
            {
                if (v :!= w)
                    line = line + " " + v;
            }
            out.16(line + "\n");
        }
        cells = new cell[]();
        cells[0] = new cell(3);
        cells[1] = new cell(5);
        cells[2] = new cell(9);
        total = 0;
        foreach (c in cells)
            total = total + c.get();
        out.16("cells total " + total + "\n");
    }
};

class cell
{
    var v : int;

    void cell(var x : int)
    {
        v = x;
    }

    int get()
    {
        return v;
    }
};
