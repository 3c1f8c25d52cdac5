// String algorithms: palindromes, reversal, anagram check with counting
// arrays, longest common prefix, run-length encoding.
public class Palindromes {
    static boolean isPalindrome(String s) {
        int i = 0, j = s.length() - 1;
        while (i < j) {
            char a = Character.toLowerCase(s.charAt(i));
            char b = Character.toLowerCase(s.charAt(j));
            if (!Character.isLetterOrDigit(a)) {
                i++;
            } else if (!Character.isLetterOrDigit(b)) {
                j--;
            } else if (a != b) {
                return false;
            } else {
                i++;
                j--;
            }
        }
        return true;
    }

    static boolean anagrams(String a, String b) {
        int[] counts = new int[128];
        for (char c : a.toCharArray()) {
            counts[c]++;
        }
        for (char c : b.toCharArray()) {
            counts[c]--;
        }
        for (int n : counts) {
            if (n != 0) {
                return false;
            }
        }
        return true;
    }

    static String rle(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length();) {
            int j = i;
            while (j < s.length() && s.charAt(j) == s.charAt(i)) {
                j++;
            }
            out.append(j - i).append(s.charAt(i));
            i = j;
        }
        return out.toString();
    }

    static String prefix(String[] words) {
        String p = words[0];
        for (String w : words) {
            while (!w.startsWith(p)) {
                p = p.substring(0, p.length() - 1);
            }
        }
        return p;
    }

    public static void main(String[] args) {
        String[] tests = {"A man, a plan, a canal: Panama", "racecar", "hello", "", "No 'x' in Nixon"};
        for (String t : tests) {
            System.out.println("\"" + t + "\" " + isPalindrome(t) + " " + new StringBuilder(t).reverse());
        }
        System.out.println(anagrams("listen", "silent") + " " + anagrams("apple", "paple") + " " + anagrams("ab", "abc"));
        System.out.println(rle("aaabccddddde") + " " + rle("") + " " + rle("z"));
        System.out.println("[" + prefix(new String[] {"interstellar", "internet", "interval"}) + "] [" + prefix(new String[] {"a", "b"}) + "]");
    }
}
