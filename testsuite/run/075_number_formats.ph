// covers: converting ints to binary, octal and hexadecimal text by repeated division (negative numbers via a long), parsing decimal text by hand, digit sums, Collatz step counts
package .test;

class main
{
    var out;

    string toBase(var n : long, var base : int)
    {
        var digits : string;
        var s : string;
        var neg : int;
        var d : long;
        digits = "0123456789abcdef";
        if (n == 0)
            return "0";
        neg = 0;
        if (n < 0)
        {
            neg = 1;
            n = 0 - n;
        }
        s = "";
        while (n > 0)
        {
            d = n % base;
            s = digits.substring((int) d, 1) + s;
            n = n / base;
        }
        if (neg)
            s = "-" + s;
        return s;
    }

    int parse(var s : string)
    {
        var i : int;
        var v : int;
        var sign : int;
        v = 0;
        sign = 1;
        i = 0;
        if (s.charAt(0) == 45)
        {
            sign = -1;
            i = 1;
        }
        while (i < s.length())
        {
            v = v * 10 + (s.charAt(i) - 48);
            i = i + 1;
        }
        return v * sign;
    }

    int collatz(var n : int)
    {
        var steps : int;
        steps = 0;
        while (n != 1)
        {
            if (n % 2 == 0)
                n = n / 2;
            else
                n = 3 * n + 1;
            steps = steps + 1;
        }
        return steps;
    }

    void run(var boot) [8]
    {
        var i : int;
        var best : int;
        var bestN : int;
        var c : int;
        out = boot;
        out.16("255: bin " + toBase(255, 2) + " oct " + toBase(255, 8) + " hex " + toBase(255, 16) + "\n");
        out.16("1000: bin " + toBase(1000, 2) + " hex " + toBase(1000, 16) + "\n");
        out.16("-42: hex " + toBase(-42, 16) + " 0: " + toBase(0, 2) + "\n");
        out.16("2147483647 hex " + toBase(2147483647, 16) + "\n");
        out.16("parse: " + parse("12345") + " " + parse("-678") + " " + (parse("99") + parse("1")) + "\n");
        out.16("collatz(27)=" + collatz(27) + " collatz(1)=" + collatz(1) + "\n");
        best = 0;
        bestN = 0;
        i = 1;
        while (i < 1000)
        {
            c = collatz(i);
            if (c > best)
            {
                best = c;
                bestN = i;
            }
            i = i + 1;
        }
        out.16("longest below 1000: " + bestN + " with " + best + " steps\n");
    }
};
