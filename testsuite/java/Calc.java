// A recursive-descent calculator over a string: + - * / % and
// parentheses, with its own exception class for errors.
public class Calc {
    static class ParseError extends RuntimeException {
        ParseError(String msg) {
            super(msg);
        }
    }

    private final String s;
    private int pos;

    Calc(String s) {
        this.s = s;
    }

    private char peek() {
        while (pos < s.length() && s.charAt(pos) == ' ') {
            pos++;
        }
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    long expr() {
        long v = term();
        while (true) {
            char c = peek();
            if (c == '+') {
                pos++;
                v += term();
            } else if (c == '-') {
                pos++;
                v -= term();
            } else {
                return v;
            }
        }
    }

    long term() {
        long v = factor();
        while (true) {
            char c = peek();
            if (c == '*' || c == '/' || c == '%') {
                pos++;
                long r = factor();
                v = c == '*' ? v * r : c == '/' ? v / r : v % r;
            } else {
                return v;
            }
        }
    }

    long factor() {
        char c = peek();
        if (c == '(') {
            pos++;
            long v = expr();
            if (peek() != ')') {
                throw new ParseError("expected ) at " + pos);
            }
            pos++;
            return v;
        }
        if (c == '-') {
            pos++;
            return -factor();
        }
        if (c < '0' || c > '9') {
            throw new ParseError("unexpected '" + c + "' at " + pos);
        }
        long v = 0;
        while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
            v = v * 10 + (s.charAt(pos++) - '0');
        }
        return v;
    }

    static String eval(String text) {
        try {
            Calc c = new Calc(text);
            long v = c.expr();
            if (c.peek() != '\0') {
                throw new ParseError("trailing input at " + c.pos);
            }
            return text + " = " + v;
        } catch (ParseError e) {
            return text + " : " + e.getMessage();
        } catch (ArithmeticException e) {
            return text + " : " + e.getMessage();
        }
    }

    public static void main(String[] args) {
        String[] tests = {"1 + 2 * 3", "(1 + 2) * 3", "100 / 7 % 4", "-(4 - 10) * -2", "2 * (3", "8 / (4 - 4)", "9999999999 * 9999999999", "7 x"};
        for (String t : tests) {
            System.out.println(eval(t));
        }
    }
}
