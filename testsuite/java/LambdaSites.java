// Lambdas at the same bytecode offset of different methods (and of
// overloads) are different classes.
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

public class LambdaSites {
    static IntUnaryOperator a() {
        return x -> x + 1;
    }

    static IntUnaryOperator b() {
        return x -> x * 10;
    }

    static Supplier<String> c(int n) {
        return () -> "int " + n;
    }

    static Supplier<String> c(String s) {
        return () -> "string " + s;
    }

    public static void main(String[] args) {
        System.out.println(a().applyAsInt(5) + " " + b().applyAsInt(5));
        System.out.println(c(3).get() + ", " + c("x").get());
    }
}
