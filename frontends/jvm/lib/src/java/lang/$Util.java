/*
 * Helpers of the JVM front end's lowering, in Java: class names as Java
 * prints them and ClassCastException's message. The VM's class objects
 * print their Phantom name (".a.b.C"); its own classes stand for
 * Integer, Long, String, Object and arrays.
 */
package java.lang;

public final class $Util {
    private $Util() {
    }

    static String className(Object cls) {
        String s = cls.toString();
        if (s.equals(".internal.int")) {
            return "java.lang.Integer";
        }
        if (s.equals(".internal.long")) {
            return "java.lang.Long";
        }
        if (s.equals(".internal.string")) {
            return "java.lang.String";
        }
        if (s.equals(".internal.object") || s.equals(".internal.void")) {
            return "java.lang.Object";
        }
        if (s.equals(".internal.container.array")) {
            // The VM's arrays do not record their element type.
            return "[Ljava.lang.Object;";
        }
        return s.substring(1);
    }

    static String simpleName(Object cls) {
        String n = className(cls);
        int cut = 0;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c == '.' || c == '$') {
                cut = i + 1;
            }
        }
        String s = n.substring(cut);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return s;
            }
        }
        return "";
    }

    private static String module(String name) {
        if (name.length() > 5 && name.substring(0, 5).equals("java.")) {
            return "module java.base of loader 'bootstrap'";
        }
        return "unnamed module of loader 'app'";
    }

    static ClassCastException castFailed(Object o, String target) {
        String from = className(o.getClass());
        String mf = module(from);
        String mt = module(target);
        String where = mf.equals(mt)
                ? from + " and " + target + " are in " + mf
                : from + " is in " + mf + "; " + target + " is in " + mt;
        return new ClassCastException("class " + from + " cannot be cast to class " + target + " (" + where + ")");
    }

    // ---- String methods: String_name(receiver, arguments...)

    static int String_compareTo(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    static boolean String_equalsIgnoreCase(String a, String b) {
        return b != null && String_toLowerCase(a).equals(String_toLowerCase(b));
    }

    static int String_indexOf(String s, String t) {
        return String_indexOf(s, t, 0);
    }

    static int String_indexOf(String s, String t, int from) {
        if (from < 0) {
            from = 0;
        }
        for (int i = from; i + t.length() <= s.length(); i++) {
            if (s.substring(i, i + t.length()).equals(t)) {
                return i;
            }
        }
        return -1;
    }

    static int String_indexOf(String s, int c) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    static int String_lastIndexOf(String s, int c) {
        for (int i = s.length() - 1; i >= 0; i--) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    static boolean String_contains(String s, CharSequence t) {
        return String_indexOf(s, t.toString(), 0) >= 0;
    }

    static boolean String_startsWith(String s, String p) {
        return p.length() <= s.length() && s.substring(0, p.length()).equals(p);
    }

    static boolean String_endsWith(String s, String p) {
        return p.length() <= s.length() && s.substring(s.length() - p.length()).equals(p);
    }

    private static char ascii(char c) {
        if (c > 127) {
            throw new UnsupportedOperationException("characters beyond ASCII are not supported yet");
        }
        return c;
    }

    static String String_toUpperCase(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            b.append(Character_toUpperCase(s.charAt(i)));
        }
        return b.toString();
    }

    static String String_toLowerCase(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            b.append(Character_toLowerCase(s.charAt(i)));
        }
        return b.toString();
    }

    static String String_trim(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && s.charAt(a) <= ' ') {
            a++;
        }
        while (b > a && s.charAt(b - 1) <= ' ') {
            b--;
        }
        return s.substring(a, b);
    }

    static String String_replace(String s, char from, char to) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c == from ? to : c);
        }
        return b.toString();
    }

    static String String_repeat(String s, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("count is negative: " + n);
        }
        String r = "";
        for (int i = 0; i < n; i++) {
            r = r + s;
        }
        return r;
    }

    static char[] String_toCharArray(String s) {
        char[] a = new char[s.length()];
        for (int i = 0; i < a.length; i++) {
            a[i] = s.charAt(i);
        }
        return a;
    }

    /** split with a literal delimiter; a regular expression is refused at run time. */
    static String[] String_split(String s, String regex) {
        for (int i = 0; i < regex.length(); i++) {
            if (".$|()[{^?*+\\".indexOf(regex.charAt(i)) >= 0) {
                throw new UnsupportedOperationException("split with a regular expression is not supported yet: " + regex);
            }
        }
        if (regex.length() == 0) {
            throw new UnsupportedOperationException("split with an empty pattern is not supported yet");
        }
        java.util.ArrayList<String> parts = new java.util.ArrayList<>();
        int start = 0;
        while (true) {
            int at = String_indexOf(s, regex, start);
            if (at < 0) {
                break;
            }
            parts.add(s.substring(start, at));
            start = at + regex.length();
        }
        parts.add(s.substring(start));
        int n = parts.size();
        if (s.length() > 0) {
            while (n > 0 && parts.get(n - 1).length() == 0) {
                n--;
            }
        }
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = parts.get(i);
        }
        return out;
    }

    // ---- Character, Integer, Long

    static boolean Character_isDigit(char c) {
        return ascii(c) >= '0' && c <= '9';
    }

    static boolean Character_isLetter(char c) {
        ascii(c);
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean Character_isLetterOrDigit(char c) {
        return Character_isLetter(c) || Character_isDigit(c);
    }

    static boolean Character_isUpperCase(char c) {
        return ascii(c) >= 'A' && c <= 'Z';
    }

    static boolean Character_isLowerCase(char c) {
        return ascii(c) >= 'a' && c <= 'z';
    }

    static boolean Character_isWhitespace(char c) {
        ascii(c);
        return c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
    }

    static char Character_toUpperCase(char c) {
        return Character_isLowerCase(c) ? (char) (c - 32) : c;
    }

    static char Character_toLowerCase(char c) {
        return Character_isUpperCase(c) ? (char) (c + 32) : c;
    }

    static long parse(String s, long min, long max) {
        if (s == null) {
            throw new NumberFormatException("Cannot parse null string: null");
        }
        int i = 0;
        boolean neg = false;
        if (s.length() > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            i = 1;
        }
        if (i == s.length()) {
            throw new NumberFormatException("For input string: \"" + s + "\"");
        }
        long v = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("For input string: \"" + s + "\"");
            }
            v = v * 10 - (c - '0');
            if (v < min) {
                throw new NumberFormatException("For input string: \"" + s + "\"");
            }
        }
        if (!neg) {
            v = -v;
            if (v > max || v < 0) {
                throw new NumberFormatException("For input string: \"" + s + "\"");
            }
        }
        return v;
    }

    static int Integer_parseInt(String s) {
        return (int) parse(s, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    static Integer Integer_valueOf(String s) {
        return Integer_parseInt(s);
    }

    static long Long_parseLong(String s) {
        if (s != null && s.length() > 19) {
            // Digits beyond a long's are refused by Java too; avoid the
            // wrap-around of the accumulation.
            int digits = s.charAt(0) == '-' || s.charAt(0) == '+' ? s.length() - 1 : s.length();
            if (digits > 19) {
                throw new NumberFormatException("For input string: \"" + s + "\"");
            }
        }
        return parse(s, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    static String Integer_toBinaryString(int v) {
        if (v == 0) {
            return "0";
        }
        String s = "";
        while (v != 0) {
            s = ((v & 1) == 0 ? "0" : "1") + s;
            v >>>= 1;
        }
        return s;
    }

    static String Integer_toHexString(int v) {
        if (v == 0) {
            return "0";
        }
        String digits = "0123456789abcdef";
        String s = "";
        while (v != 0) {
            s = digits.charAt(v & 15) + s;
            v >>>= 4;
        }
        return s;
    }

    static int Integer_max(int a, int b) {
        return Math.max(a, b);
    }

    static int Integer_min(int a, int b) {
        return Math.min(a, b);
    }

    static int Integer_sum(int a, int b) {
        return a + b;
    }

    static int Integer_signum(int v) {
        return v > 0 ? 1 : v < 0 ? -1 : 0;
    }

    static int Integer_bitCount(int v) {
        int n = 0;
        while (v != 0) {
            v &= v - 1;
            n++;
        }
        return n;
    }

    /** Natural order of Strings, boxed numbers and Comparables. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compare(Object a, Object b) {
        if (a instanceof String) {
            return String_compareTo((String) a, (String) b);
        }
        if (a instanceof Integer) {
            return Integer.compare(((Integer) a).intValue(), ((Integer) b).intValue());
        }
        if (a instanceof Long) {
            return Long.compare(((Long) a).longValue(), ((Long) b).longValue());
        }
        return ((Comparable) a).compareTo(b);
    }

    // ---- String.format and printf: %d %s %S %c %b %B %x %X %n %% with flags
    // '-', '0', '+', ',', ' ' and a width; floating-point conversions are
    // refused at run time.

    private static String pad(String s, int width, boolean left, char fill) {
        if (fill == '0' && s.length() > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            return s.charAt(0) + pad(s.substring(1), width - 1, left, fill);
        }
        while (s.length() < width) {
            s = left ? s + ' ' : fill + s;
        }
        return s;
    }

    private static String groups(String digits) {
        String sign = "";
        if (digits.length() > 0 && digits.charAt(0) == '-') {
            sign = "-";
            digits = digits.substring(1);
        }
        String out = "";
        int n = digits.length();
        for (int i = 0; i < n; i++) {
            if (i > 0 && (n - i) % 3 == 0) {
                out = out + ",";
            }
            out = out + digits.charAt(i);
        }
        return sign + out;
    }

    public static String String_format(String fmt, Object[] args) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        int i = 0;
        while (i < fmt.length()) {
            char c = fmt.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            boolean left = false;
            boolean plus = false;
            boolean comma = false;
            boolean space = false;
            char fill = ' ';
            while (i < fmt.length() && "-0+, ".indexOf(fmt.charAt(i)) >= 0) {
                char f = fmt.charAt(i++);
                if (f == '-') {
                    left = true;
                } else if (f == '0') {
                    fill = '0';
                } else if (f == '+') {
                    plus = true;
                } else if (f == ',') {
                    comma = true;
                } else {
                    space = true;
                }
            }
            int width = 0;
            while (i < fmt.length() && fmt.charAt(i) >= '0' && fmt.charAt(i) <= '9') {
                width = width * 10 + (fmt.charAt(i++) - '0');
            }
            if (i >= fmt.length()) {
                throw new UnsupportedOperationException("format ends inside a conversion: " + fmt);
            }
            char conv = fmt.charAt(i++);
            if (conv == 'n') {
                out.append('\n');
                continue;
            }
            if (conv == '%') {
                out.append(pad("%", width, left, ' '));
                continue;
            }
            if (next >= args.length) {
                throw new UnsupportedOperationException("Format specifier '%" + conv + "' has no argument");
            }
            Object a = args[next++];
            String s;
            if (conv == 'd') {
                if (!(a instanceof Integer) && !(a instanceof Long)) {
                    throw new UnsupportedOperationException("%d of a non-integer is not supported yet");
                }
                s = "" + a;
                if (comma) {
                    s = groups(s);
                }
                if (s.charAt(0) != '-') {
                    if (plus) {
                        s = "+" + s;
                    } else if (space) {
                        s = " " + s;
                    }
                }
            } else if (conv == 's' || conv == 'S') {
                s = "" + a;
                if (conv == 'S') {
                    s = String_toUpperCase(s);
                }
            } else if (conv == 'c') {
                s = a instanceof Character ? a.toString() : "" + (char) ((Integer) a).intValue();
            } else if (conv == 'b' || conv == 'B') {
                s = a == null ? "false" : a instanceof Boolean ? a.toString() : "true";
                if (conv == 'B') {
                    s = String_toUpperCase(s);
                }
            } else if (conv == 'x' || conv == 'X') {
                if (!(a instanceof Integer)) {
                    throw new UnsupportedOperationException("%x of a non-int is not supported yet");
                }
                s = Integer_toHexString(((Integer) a).intValue());
                if (conv == 'X') {
                    s = String_toUpperCase(s);
                }
            } else {
                throw new UnsupportedOperationException("format conversion %" + conv + " is not supported yet");
            }
            out.append(pad(s, width, left, left ? ' ' : fill));
        }
        return out.toString();
    }

    // ---- System, String constructors

    public static void System_arraycopy(Object src, int srcPos, Object dest, int destPos, int length) {
        if (src == null || dest == null) {
            throw new NullPointerException();
        }
        Object[] from = (Object[]) src;
        Object[] to = (Object[]) dest;
        if (length < 0 || srcPos < 0 || destPos < 0
                || srcPos > from.length - length || destPos > to.length - length) {
            throw new ArrayIndexOutOfBoundsException("arraycopy: source index " + srcPos + ", destination index "
                    + destPos + ", length " + length + " out of bounds");
        }
        if (from == to && srcPos < destPos) {
            for (int i = length - 1; i >= 0; i--) {
                to[destPos + i] = from[srcPos + i];
            }
        } else {
            for (int i = 0; i < length; i++) {
                to[destPos + i] = from[srcPos + i];
            }
        }
    }

    static String String_new(char[] cs) {
        StringBuilder b = new StringBuilder();
        for (char c : cs) {
            b.append(c);
        }
        return b.toString();
    }

    static String String_new(String s) {
        return s.concat("");
    }

    static String String_new() {
        return "";
    }

    static String String_valueOf(char[] cs) {
        return String_new(cs);
    }

    static String String_join(CharSequence sep, CharSequence[] parts) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                b.append(sep);
            }
            b.append(parts[i]);
        }
        return b.toString();
    }

    static int Math_floorMod(int a, int b) {
        int m = a % b;
        return m != 0 && (m ^ b) < 0 ? m + b : m;
    }

    static int Math_floorDiv(int a, int b) {
        int q = a / b;
        return (a % b != 0 && (a ^ b) < 0) ? q - 1 : q;
    }

    // ---- the VM's own errors

    /**
     * The Java exception for an error the VM raised as a string (the VM's
     * errors are strings): null receivers and unboxing null are
     * NullPointerException, charAt out of range is
     * StringIndexOutOfBoundsException, deep recursion is
     * StackOverflowError; any other string is returned as it is.
     */
    public static Object vmError(Object error) {
        String m = (String) error;
        if (String_endsWith(m, " called on null") || m.equals("field access on null")
                || m.equals("field store on null") || m.equals("type assert failed: null is not a number")) {
            return new NullPointerException();
        }
        if (String_startsWith(m, "charAt: index ")) {
            int end = String_indexOf(m, " out of range");
            return new StringIndexOutOfBoundsException("String index out of range: " + m.substring(14, end));
        }
        if (String_startsWith(m, "stack overflow")) {
            return new StackOverflowError();
        }
        return error;
    }

    // ---- java.util.Objects

    static boolean Objects_equals(Object a, Object b) {
        return a == b || (a != null && a.equals(b));
    }

    static int Objects_hashCode(Object o) {
        return o == null ? 0 : o.hashCode();
    }

    static int Objects_hash(Object[] values) {
        int h = 1;
        for (Object o : values) {
            h = 31 * h + (o == null ? 0 : o.hashCode());
        }
        return h;
    }

    static String Objects_toString(Object o) {
        return "" + o;
    }

    static boolean Objects_isNull(Object o) {
        return o == null;
    }

    static boolean Objects_nonNull(Object o) {
        return o != null;
    }

    // ---- targets of method references to methods lowered inline

    static int String_length(String s) {
        return s.length();
    }

    static String String_valueOf(Object o) {
        return "" + o;
    }
}
