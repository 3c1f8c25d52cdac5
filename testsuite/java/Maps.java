// HashMap and HashSet with String, Integer and user keys: put, get,
// replace, remove, iteration order (the JDK's), resizing, toString.
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

public class Maps {
    static class Point {
        final int x, y;
        Point(int x, int y) {
            this.x = x;
            this.y = y;
        }
        public boolean equals(Object o) {
            if (!(o instanceof Point)) {
                return false;
            }
            Point p = (Point) o;
            return p.x == x && p.y == y;
        }
        public int hashCode() {
            return 31 * x + y;
        }
        public String toString() {
            return "(" + x + "," + y + ")";
        }
    }

    public static void main(String[] args) {
        Map<String, Integer> counts = new HashMap<>();
        String text = "the quick brown fox jumps over the lazy dog the end";
        for (String w : new String[] {"the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog", "the", "end"}) {
            counts.put(w, counts.getOrDefault(w, 0) + 1);
        }
        System.out.println(counts);
        System.out.println(counts.get("the") + " " + counts.get("cat") + " " + counts.containsKey("fox") + " " + counts.size());
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            System.out.print(e.getKey() + ":" + e.getValue() + " ");
        }
        System.out.println();
        counts.remove("the");
        System.out.println(counts.keySet() + " " + counts.values());
        HashMap<Integer, String> big = new HashMap<>();
        for (int i = 0; i < 100; i += 7) {
            big.put(i * 37, "v" + i);
        }
        System.out.println(big);
        System.out.println(big.put(0, "zero") + " " + big.putIfAbsent(0, "no") + " " + big.get(0));
        Map<Point, String> pts = new HashMap<>();
        pts.put(new Point(1, 2), "a");
        pts.put(new Point(2, 1), "b");
        pts.put(new Point(1, 2), "c");
        System.out.println(pts.size() + " " + pts.get(new Point(1, 2)) + " " + pts);
        Set<String> seen = new HashSet<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                seen.add(text.substring(start, i));
                start = i + 1;
            }
        }
        System.out.println(seen.size() + " " + seen.contains("fox") + " " + seen.contains("cat"));
        System.out.println(seen);
    }
}
