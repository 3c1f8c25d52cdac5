// Bit manipulation: population count, reversal, rotation, masks, parity,
// Gray codes; on int and long.
public class Bits {
    static int popcount(int x) {
        int n = 0;
        while (x != 0) {
            x &= x - 1;
            n++;
        }
        return n;
    }

    static int reverse(int x) {
        int r = 0;
        for (int i = 0; i < 32; i++) {
            r = (r << 1) | (x & 1);
            x >>>= 1;
        }
        return r;
    }

    static int rotl(int x, int k) {
        return (x << k) | (x >>> (32 - k));
    }

    static long rotl64(long x, int k) {
        return (x << k) | (x >>> (64 - k));
    }

    public static void main(String[] args) {
        int[] vals = {0, 1, -1, 0x12345678, Integer.MIN_VALUE, 0x7FFFFFFF, 0xF0F0F0F0};
        for (int v : vals) {
            System.out.println(v + " pop=" + popcount(v) + " rev=" + reverse(v) + " rotl7=" + rotl(v, 7) + " gray=" + (v ^ (v >>> 1)));
        }
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < 5; i++) {
            h = rotl64(h * 0xBF58476D1CE4E5B9L, 31) ^ (h >>> 27);
            System.out.println(h);
        }
        System.out.println((1 << 31) + " " + (1 << 32) + " " + (1L << 63) + " " + (1L << 64) + " " + (-1 >>> 31) + " " + (-1L >>> 63));
        byte b = (byte) 0x80;
        System.out.println((b >> 1) + " " + (b >>> 1) + " " + ((b & 0xFF) >>> 1));
    }
}
