// char arithmetic: Caesar cipher, counting letters, char comparisons,
// a switch on characters.
public class Chars {
    static String caesar(String s, int k) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                c = (char) ('a' + (c - 'a' + k) % 26);
            } else if (c >= 'A' && c <= 'Z') {
                c = (char) ('A' + (c - 'A' + k) % 26);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    static String kind(char c) {
        switch (c) {
            case 'a': case 'e': case 'i': case 'o': case 'u':
                return "vowel";
            case ' ':
                return "space";
            default:
                return c >= '0' && c <= '9' ? "digit" : "other";
        }
    }

    public static void main(String[] args) {
        String msg = "Hello, World 2024";
        String enc = caesar(msg, 3);
        System.out.println(enc);
        System.out.println(caesar(enc, 23));
        int[] counts = new int[26];
        String text = "the quick brown fox jumps over the lazy dog";
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ') {
                counts[c - 'a']++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (char c = 'a'; c <= 'z'; c++) {
            if (counts[c - 'a'] > 1) {
                sb.append(c).append(counts[c - 'a']);
            }
        }
        System.out.println(sb);
        for (char c : new char[] {'a', 'x', ' ', '7'}) {
            System.out.println("'" + c + "' " + kind(c) + " " + (int) c);
        }
        char z = 'z';
        z++;
        System.out.println((int) z + " " + (char) (z - 1) + " " + ('a' < 'b') + " " + (char) 65 + (char) 97);
    }
}
