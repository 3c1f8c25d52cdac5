// switch on strings (hashCode, equals and lookupswitch, as javac compiles it),
// including two strings with the same hash code.
public class StringSwitch {
    static int score(String s) {
        switch (s) {
            case "apple":
                return 1;
            case "banana":
                return 2;
            case "Aa":
                return 3;
            case "BB":
                return 4;
            case "":
                return 5;
            default:
                return -1;
        }
    }

    public static void main(String[] args) {
        String[] words = {"apple", "banana", "cherry", "Aa", "BB", "", "APPLE"};
        for (String w : words) {
            System.out.println("[" + w + "] " + score(w) + " " + w.hashCode());
        }
        System.out.println("Aa".hashCode() == "BB".hashCode());
    }
}
