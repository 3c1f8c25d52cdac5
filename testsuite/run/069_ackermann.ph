// covers: deep and heavily branching recursion: Ackermann for small arguments, a call counter in a field, Towers of Hanoi move count and first moves
package .test;

class main
{
    var out;
    var calls : int;
    var moves : string;
    var nmoves : int;

    int ack(var m : int, var n : int)
    {
        calls = calls + 1;
        if (m == 0)
            return n + 1;
        if (n == 0)
            return ack(m - 1, 1);
        return ack(m - 1, ack(m, n - 1));
    }

    void hanoi(var n : int, var from : string, var to : string, var via : string)
    {
        if (n == 0)
            return;
        hanoi(n - 1, from, via, to);
        nmoves = nmoves + 1;
        if (nmoves <= 7)
            moves = moves + from + to + " ";
        hanoi(n - 1, via, to, from);
    }

    void run(var boot) [8]
    {
        var m : int;
        var n : int;
        out = boot;
        m = 0;
        while (m <= 3)
        {
            n = 0;
            while (n <= 3)
            {
                calls = 0;
                out.16("ack(" + m + "," + n + ")=" + ack(m, n) + " calls=" + calls + "\n");
                n = n + 1;
            }
            m = m + 1;
        }
        moves = "";
        nmoves = 0;
        hanoi(3, "A", "C", "B");
        out.16("hanoi 3: " + nmoves + " moves: " + moves + "\n");
        moves = "";
        nmoves = 0;
        hanoi(10, "A", "C", "B");
        out.16("hanoi 10: " + nmoves + " moves\n");
    }
};
