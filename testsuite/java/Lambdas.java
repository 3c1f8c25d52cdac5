// Lambdas and method references (LambdaMetafactory): capturing locals and
// this, static, instance, bound and constructor references, functional
// interfaces of our own and of java.util.function, a comparator.
import java.util.ArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntBinaryOperator;
import java.util.function.Supplier;

public class Lambdas {
    interface Op {
        int apply(int a, int b);
    }

    interface Visitor {
        void visit(String s);
    }

    static class Box {
        final int v;
        Box(int v) {
            this.v = v;
        }
        int twice() {
            return v * 2;
        }
        public String toString() {
            return "Box(" + v + ")";
        }
    }

    int offset = 100;

    static int sub(int a, int b) {
        return a - b;
    }

    int shifted(int x) {
        return x + offset;
    }

    static int fold(int[] xs, int start, Op op) {
        int acc = start;
        for (int x : xs) {
            acc = op.apply(acc, x);
        }
        return acc;
    }

    static void each(String[] xs, Visitor v) {
        for (String x : xs) {
            v.visit(x);
        }
    }

    public static void main(String[] args) {
        int[] xs = {3, 1, 4, 1, 5, 9, 2, 6};
        System.out.println(fold(xs, 0, (a, b) -> a + b));
        System.out.println(fold(xs, 1, (a, b) -> a * b));
        System.out.println(fold(xs, 0, Lambdas::sub));
        int bonus = 7;
        System.out.println(fold(xs, 0, (a, b) -> a + b * bonus));
        Lambdas self = new Lambdas();
        Function<Integer, Integer> f = self::shifted;
        System.out.println(f.apply(5));
        self.offset = 1;
        System.out.println(f.apply(5));
        Function<Integer, Box> make = Box::new;
        Function<Box, Integer> tw = Box::twice;
        System.out.println(make.apply(21) + " " + tw.apply(make.apply(21)));
        Supplier<String> hello = () -> "hello " + bonus;
        System.out.println(hello.get());
        BiFunction<String, Integer, String> rep = (s, n) -> {
            String r = "";
            for (int i = 0; i < n; i++) {
                r += s;
            }
            return r;
        };
        System.out.println(rep.apply("ab", 3));
        IntBinaryOperator max = (a, b) -> a > b ? a : b;
        System.out.println(max.applyAsInt(3, 8));
        ArrayList<String> seen = new ArrayList<>();
        each(new String[] {"x", "y", "z"}, s -> seen.add(s + s));
        System.out.println(seen);
        Runnable r = () -> System.out.println("ran " + seen.size());
        r.run();
    }
}
