// More String methods (compareTo, indexOf, startsWith, case, trim, split,
// replace, repeat, toCharArray), Character tests and Integer parsing.
public class StringsMore {
    public static void main(String[] args) {
        String s = "  Hello, Phantom World  ";
        String t = s.trim();
        System.out.println("[" + t + "]");
        System.out.println(t.toUpperCase() + " " + t.toLowerCase());
        System.out.println(t.indexOf("o") + " " + t.indexOf("World") + " " + t.indexOf('W') + " " + t.lastIndexOf('o') + " " + t.indexOf("zz"));
        System.out.println(t.startsWith("Hell") + " " + t.endsWith("World") + " " + t.contains("Phan") + " " + t.contains("phan"));
        System.out.println("apple".compareTo("banana") + " " + "b".compareTo("a") + " " + "abc".compareTo("abc") + " " + "ab".compareTo("abcd"));
        System.out.println("Hello".equalsIgnoreCase("hELLO") + " " + "a-b-c".replace('-', '+') + " " + "ab".repeat(3));
        String[] parts = "one,two,,three,,".split(",");
        System.out.println(parts.length);
        for (String p : parts) {
            System.out.print("<" + p + ">");
        }
        System.out.println();
        char[] cs = "hello".toCharArray();
        cs[0] = 'j';
        System.out.println(String.valueOf(cs.length) + " " + cs[0] + cs[1]);
        System.out.println(Character.isDigit('7') + " " + Character.isLetter('x') + " " + Character.isUpperCase('Q') + " " + Character.toUpperCase('q') + " " + Character.isWhitespace('\t'));
        System.out.println(Integer.parseInt("-1234") + Integer.parseInt("+10") + " " + Long.parseLong("9000000000") + " " + Integer.toBinaryString(10) + " " + Integer.toHexString(-1));
        for (String bad : new String[] {"12a", "", "99999999999", "-"}) {
            try {
                System.out.println(Integer.parseInt(bad));
            } catch (NumberFormatException e) {
                System.out.println(e.getMessage());
            }
        }
        System.out.println(Integer.max(3, 9) + " " + Integer.signum(-5) + " " + Integer.bitCount(255));
    }
}
