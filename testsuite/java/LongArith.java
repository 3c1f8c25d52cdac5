// 64-bit arithmetic: wrap-around, mixing with int, comparisons, shifts.
public class LongArith {
    static long fact(int n) {
        long r = 1;
        for (int i = 2; i <= n; i++) {
            r *= i;
        }
        return r;
    }

    public static void main(String[] args) {
        System.out.println(Long.MAX_VALUE + 1);
        System.out.println(Long.MIN_VALUE - 1L);
        System.out.println(fact(20));
        System.out.println(fact(21));
        long a = 1L << 62;
        System.out.println(a);
        System.out.println(a << 2);
        System.out.println(a >> 70);
        System.out.println(-a >>> 60);
        long b = 1234567890123L;
        System.out.println(b / 1000);
        System.out.println(b % 1000);
        System.out.println(-b / 7);
        System.out.println(-b % 7);
        int i = (int) b;
        System.out.println(i);
        long c = i;
        System.out.println(c);
        System.out.println(b > c);
        System.out.println(b < c);
        System.out.println(b == b + 0);
        System.out.println(Long.compare(b, c));
        long h = 0;
        for (int k = 0; k < 50; k++) {
            h = h * 1000003L ^ k;
        }
        System.out.println(h);
        System.out.println(b & 0xFFFF);
        System.out.println(b | 1L << 50);
        System.out.println(~b);
        System.out.println(Math.abs(-b));
        System.out.println(Math.max(b, 5L));
        System.out.println(Math.min(-b, 5L));
    }
}
