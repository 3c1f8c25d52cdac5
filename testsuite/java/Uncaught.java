// An uncaught exception ends the program with exit status 1 after the
// output printed so far.
public class Uncaught {
    static void fail(int n) {
        if (n == 0) {
            throw new IllegalArgumentException("bottom");
        }
        fail(n - 1);
    }

    public static void main(String[] args) {
        System.out.println("before");
        try {
            fail(3);
        } finally {
            System.out.println("finally runs");
        }
        System.out.println("not reached");
    }
}
