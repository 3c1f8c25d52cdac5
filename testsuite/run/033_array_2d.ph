// covers: arrays of arrays (rows stored in an .internal.object[] and read back into int[] variables), Pascal's triangle, matrix transpose sums
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var rows : .internal.object[];
        var row : int[];
        var prev : int[];
        var i : int;
        var j : int;
        var line : string;
        var colsum : int;
        out = boot;
        rows = new .internal.object[]();
        i = 0;
        while (i < 6)
        {
            row = new int[]();
            row[0] = 1;
            j = 1;
            while (j < i)
            {
                prev = rows[i - 1];
                row[j] = prev[j - 1] + prev[j];
                j = j + 1;
            }
            row[i] = 1;
            rows[i] = row;
            i = i + 1;
        }
        i = 0;
        while (i < rows.size())
        {
            row = rows[i];
            line = "";
            j = 0;
            while (j < row.size())
            {
                line = line + row[j] + " ";
                j = j + 1;
            }
            out.16(line + "\n");
            i = i + 1;
        }
        // column sums of the last three rows (shorter rows count as 0)
        j = 0;
        line = "";
        while (j < 6)
        {
            colsum = 0;
            i = 3;
            while (i < 6)
            {
                row = rows[i];
                if (j < row.size())
                    colsum = colsum + row[j];
                i = i + 1;
            }
            line = line + colsum + " ";
            j = j + 1;
        }
        out.16("column sums: " + line + "\n");
    }
};
