// Generic classes and methods (erasure, bridge methods), bounded types,
// interfaces with static methods and constants, abstract classes
// implementing interfaces.
import java.util.ArrayList;
import java.util.List;

public class Generics {
    interface Shape extends Comparable<Shape> {
        int SIDES_UNKNOWN = -1;

        int area();

        int sides();

        static String describe(Shape s) {
            return s.getClass().getSimpleName() + "[area=" + s.area() + ", sides=" + s.sides() + "]";
        }
    }

    static abstract class Base implements Shape {
        public int compareTo(Shape o) {
            return Integer.compare(area(), o.area());
        }

        public int sides() {
            return SIDES_UNKNOWN;
        }
    }

    static class Sq extends Base {
        final int s;
        Sq(int s) {
            this.s = s;
        }
        public int area() {
            return s * s;
        }
        public int sides() {
            return 4;
        }
    }

    static class Blob extends Base {
        public int area() {
            return 7;
        }
    }

    static class Pair<A, B> {
        final A first;
        final B second;
        Pair(A first, B second) {
            this.first = first;
            this.second = second;
        }
        <C> Pair<A, C> withSecond(C c) {
            return new Pair<>(first, c);
        }
        public String toString() {
            return "(" + first + ", " + second + ")";
        }
    }

    static <T extends Comparable<T>> T max(List<T> xs) {
        T best = xs.get(0);
        for (T x : xs) {
            if (x.compareTo(best) > 0) {
                best = x;
            }
        }
        return best;
    }

    static <T> int count(List<T> xs, T what) {
        int n = 0;
        for (T x : xs) {
            if (x.equals(what)) {
                n++;
            }
        }
        return n;
    }

    public static void main(String[] args) {
        List<Shape> shapes = new ArrayList<>();
        shapes.add(new Sq(3));
        shapes.add(new Blob());
        shapes.add(new Sq(2));
        for (Shape s : shapes) {
            System.out.println(Shape.describe(s));
        }
        System.out.println(Shape.describe(max(shapes)));
        List<String> words = new ArrayList<>();
        for (String w : new String[] {"b", "a", "c", "a"}) {
            words.add(w);
        }
        System.out.println(max(words) + " " + count(words, "a"));
        List<Integer> nums = new ArrayList<>();
        nums.add(5);
        nums.add(-3);
        nums.add(12);
        System.out.println(max(nums) + " " + count(nums, 5));
        Pair<String, Integer> p = new Pair<>("x", 1);
        Pair<String, List<Integer>> q = p.withSecond(nums);
        System.out.println(p + " " + q + " " + Shape.SIDES_UNKNOWN);
    }
}
