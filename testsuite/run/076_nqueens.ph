// covers: backtracking recursion: counting N-queens solutions for N = 1..8 and printing the first solution for N = 6, with arrays passed down the recursion
package .test;

class main
{
    var out;
    var first : string;

    int safe(var cols : int[], var row : int, var col : int)
    {
        var r : int;
        var c : int;
        r = 0;
        while (r < row)
        {
            c = cols[r];
            if (c == col)
                return 0;
            if (c - col == row - r)
                return 0;
            if (col - c == row - r)
                return 0;
            r = r + 1;
        }
        return 1;
    }

    int solve(var cols : int[], var row : int, var n : int)
    {
        var col : int;
        var count : int;
        var i : int;
        if (row == n)
        {
            if (first.length() == 0)
            {
                i = 0;
                while (i < n)
                {
                    first = first + cols[i];
                    i = i + 1;
                }
            }
            return 1;
        }
        count = 0;
        col = 0;
        while (col < n)
        {
            if (safe(cols, row, col))
            {
                cols[row] = col;
                count = count + solve(cols, row + 1, n);
            }
            col = col + 1;
        }
        return count;
    }

    void run(var boot) [8]
    {
        var n : int;
        var line : string;
        out = boot;
        line = "";
        n = 1;
        while (n <= 8)
        {
            first = "";
            line = line + n + ":" + solve(new int[](), 0, n) + " ";
            n = n + 1;
        }
        out.16(line + "\n");
        first = "";
        solve(new int[](), 0, 6);
        out.16("first solution for 6: " + first + "\n");
    }
};
