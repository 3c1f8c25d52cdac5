// Autoboxing and unboxing of Integer and Long: in collections, arithmetic
// on boxed values, equals, compareTo, valueOf, boxed nulls.
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

public class Boxing {
    static Integer twice(Integer x) {
        return x * 2;
    }

    static long total(List<Long> xs) {
        long t = 0;
        for (Long x : xs) {
            t += x;
        }
        return t;
    }

    public static void main(String[] args) {
        Integer a = 1000;
        Integer b = 1000;
        int c = a + b;
        System.out.println(c + " " + a.equals(b) + " " + twice(a) + " " + a.compareTo(999) + " " + Integer.valueOf(7).hashCode());
        List<Long> ls = new ArrayList<>();
        for (long i = 1; i <= 5; i++) {
            ls.add(i * 1000000000L);
        }
        System.out.println(total(ls) + " " + ls.get(4));
        HashMap<Integer, Integer> squares = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            squares.put(i, i * i);
        }
        int sum = 0;
        for (int v : squares.values()) {
            sum += v;
        }
        System.out.println(sum + " " + squares.get(5) + " " + squares.get(6));
        Integer n = null;
        System.out.println(n == null ? "null Integer" : "value");
        Object o = 42;
        System.out.println(o instanceof Integer ? "boxed " + o : "other");
        Long big = 5L;
        big += 10;
        System.out.println(big + " " + big.equals(15L) + " " + big.equals(15));
    }
}
