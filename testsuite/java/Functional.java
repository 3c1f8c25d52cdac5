// Collection methods taking lambdas: forEach, removeIf, Map.forEach,
// merge with Integer::sum, computeIfAbsent; references to library methods
// (String::length, String::valueOf).
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

public class Functional {
    public static void main(String[] args) {
        List<Integer> xs = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            xs.add(i);
        }
        xs.removeIf(x -> x % 3 == 0);
        StringBuilder sb = new StringBuilder();
        xs.forEach(x -> sb.append(x).append(','));
        System.out.println(sb);
        Map<String, Integer> counts = new HashMap<>();
        for (String w : "a b a c b a".split(" ")) {
            counts.merge(w, 1, Integer::sum);
        }
        System.out.println(counts);
        Map<Integer, List<String>> byLen = new TreeMap<>();
        for (String w : new String[] {"ox", "cat", "dog", "a", "emu"}) {
            byLen.computeIfAbsent(w.length(), k -> new ArrayList<>());
        }
        Map<Integer, List<String>> groups = new HashMap<>();
        for (String w : new String[] {"ox", "cat", "dog", "a", "emu"}) {
            groups.computeIfAbsent(w.length(), k -> new ArrayList<>()).add(w);
        }
        groups.forEach((k, v) -> System.out.println(k + " -> " + v));
        System.out.println(byLen.size());
        Function<String, Integer> len = String::length;
        Function<Object, String> str = String::valueOf;
        System.out.println(len.apply("hello") + " " + str.apply(42) + " " + str.apply(null));
        counts.keySet().forEach(k -> System.out.print(k));
        System.out.println();
    }
}
