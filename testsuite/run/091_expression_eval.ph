// covers: a recursive-descent evaluator for integer expressions (+ - * / parentheses, unary minus) using switch on characters, charAt and a position field; errors reported by throwing strings
package .test;

class main
{
    var out;

    string eval(var text : string)
    {
        var p : parser;
        p = new parser(text);
        try
        {
            return text + " = " + p.parse();
        }
        catch (string e)
        {
            return text + " -> error: " + e;
        }
        return "unreachable";
    }

    void run(var boot) [8]
    {
        out = boot;
        out.16(eval("1+2*3") + "\n");
        out.16(eval("(1+2)*3") + "\n");
        out.16(eval("100/7-3") + "\n");
        out.16(eval("-4*(2+-3)") + "\n");
        out.16(eval(" 2 * ( 3 + 4 ) * 5 ") + "\n");
        out.16(eval("10-4-3") + "\n");
        out.16(eval("7/0") + "\n");
        out.16(eval("2*(3+4") + "\n");
        out.16(eval("2+x") + "\n");
    }
};

class parser
{
    var s : string;
    var pos : int;

    void parser(var text : string)
    {
        s = text;
        pos = 0;
    }

    int peek()
    {
        while (pos < s.length())
        {
            if (s.charAt(pos) != 32)
                return s.charAt(pos);
            pos = pos + 1;
        }
        return 0;
    }

    int parse()
    {
        var v : int;
        v = expr();
        if (peek() != 0)
            throw "unexpected character at " + pos;
        return v;
    }

    int expr()
    {
        var v : int;
        var c : int;
        v = term();
        while (1)
        {
            c = peek();
            switch (c)
            {
                case 43:
                    pos = pos + 1;
                    v = v + term();
                    break;
                case 45:
                    pos = pos + 1;
                    v = v - term();
                    break;
                default:
                    return v;
            }
        }
        return v;
    }

    int term()
    {
        var v : int;
        var d : int;
        v = factor();
        while (1)
        {
            switch (peek())
            {
                case 42:
                    pos = pos + 1;
                    v = v * factor();
                    break;
                case 47:
                    pos = pos + 1;
                    d = factor();
                    if (d == 0)
                        throw "division by zero";
                    v = v / d;
                    break;
                default:
                    return v;
            }
        }
        return v;
    }

    int factor()
    {
        var c : int;
        var v : int;
        c = peek();
        if (c == 45)
        {
            pos = pos + 1;
            return 0 - factor();
        }
        if (c == 40)
        {
            pos = pos + 1;
            v = expr();
            if (peek() != 41)
                throw "missing ) at " + pos;
            pos = pos + 1;
            return v;
        }
        if (c < 48 || c > 57)
            throw "expected a number at " + pos;
        v = 0;
        while (pos < s.length())
        {
            c = s.charAt(pos);
            if (c < 48 || c > 57)
                return v;
            v = v * 10 + c - 48;
            pos = pos + 1;
        }
        return v;
    }
};
