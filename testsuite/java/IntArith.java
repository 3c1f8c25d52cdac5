// 32-bit two's-complement arithmetic: wrap-around, division and remainder
// signs, shifts with masked counts, narrowing casts.
public class IntArith {
    static int f(int a, int b) {
        return a * 31 + b;
    }

    public static void main(String[] args) {
        int max = Integer.MAX_VALUE;
        int min = Integer.MIN_VALUE;
        System.out.println(max + 1);
        System.out.println(min - 1);
        System.out.println(max * 2);
        System.out.println(min / -1);
        System.out.println(min % -1);
        System.out.println(-7 / 2);
        System.out.println(-7 % 2);
        System.out.println(7 % -2);
        int x = 123456789;
        System.out.println(x * x);
        System.out.println(x << 33);
        System.out.println(x >> 35);
        System.out.println(-x >>> 28);
        System.out.println(-x >> 28);
        System.out.println((byte) 200);
        System.out.println((short) 70000);
        System.out.println((char) 65);
        System.out.println((int) (char) -1);
        System.out.println(x & 0xFF0F);
        System.out.println(x | 0x0F);
        System.out.println(x ^ -1);
        System.out.println(~x);
        System.out.println(-min);
        int acc = 0;
        for (int i = 0; i < 100; i++) {
            acc = f(acc, i);
        }
        System.out.println(acc);
        int s = 3;
        s <<= 30;
        System.out.println(s);
        s >>>= 1;
        System.out.println(s);
    }
}
