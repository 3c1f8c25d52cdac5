// Recursive static and instance methods: fib, ackermann, towers of Hanoi,
// mutual recursion.
public class Recursion {
    int moves;

    static int fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    static int ack(int m, int n) {
        if (m == 0) {
            return n + 1;
        }
        if (n == 0) {
            return ack(m - 1, 1);
        }
        return ack(m - 1, ack(m, n - 1));
    }

    void hanoi(int n, int from, int to, int via) {
        if (n == 0) {
            return;
        }
        hanoi(n - 1, from, via, to);
        moves++;
        hanoi(n - 1, via, to, from);
    }

    static boolean isEven(int n) {
        return n == 0 || isOdd(n - 1);
    }

    static boolean isOdd(int n) {
        return n != 0 && isEven(n - 1);
    }

    static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    public static void main(String[] args) {
        System.out.println(fib(20));
        System.out.println(ack(2, 3));
        Recursion r = new Recursion();
        r.hanoi(10, 1, 3, 2);
        System.out.println(r.moves);
        System.out.println(isEven(10) + " " + isOdd(7) + " " + isEven(7));
        System.out.println(gcd(1071L * 1000003L, 462L * 1000003L));
    }
}
