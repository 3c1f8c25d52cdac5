// Autoboxing of char and boolean: Character and Boolean objects in
// collections, as map keys, unboxed, compared, printed and formatted.
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class BoxingMore {
    public static void main(String[] args) {
        Map<Character, Integer> freq = new HashMap<>();
        for (char c : "mississippi".toCharArray()) {
            freq.put(c, freq.getOrDefault(c, 0) + 1);
        }
        System.out.println(freq);
        List<Boolean> flags = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            flags.add(i % 2 == 0);
        }
        int trues = 0;
        for (boolean b : flags) {
            if (b) {
                trues++;
            }
        }
        System.out.println(flags + " " + trues);
        Character c = 'q';
        char d = c;
        Boolean t = true;
        System.out.println(c + " " + (d + 1) + " " + c.equals('q') + " " + c.compareTo('a') + " " + c.hashCode());
        System.out.println(t + " " + !t + " " + t.equals(Boolean.TRUE) + " " + Boolean.parseBoolean("TRUE") + " " + Boolean.valueOf(false).hashCode());
        Object o = 'z';
        System.out.println((o instanceof Character) + " " + o);
        System.out.printf("%c %b %B %s%n", 'x', true, false, 'y');
    }
}
