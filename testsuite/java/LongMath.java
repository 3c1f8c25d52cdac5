// long arithmetic in algorithms: modular exponentiation, Miller-Rabin with
// small bases, Collatz lengths, a 64-bit hash, overflow-aware multiplication.
public class LongMath {
    static long mulmod(long a, long b, long m) {
        long r = 0;
        a %= m;
        while (b > 0) {
            if ((b & 1) == 1) {
                r = (r + a) % m;
            }
            a = (a * 2) % m;
            b >>= 1;
        }
        return r;
    }

    static long powmod(long b, long e, long m) {
        long r = 1;
        b %= m;
        while (e > 0) {
            if ((e & 1) == 1) {
                r = mulmod(r, b, m);
            }
            b = mulmod(b, b, m);
            e >>= 1;
        }
        return r;
    }

    static boolean probablePrime(long n) {
        if (n < 2) {
            return false;
        }
        for (long p : new long[] {2, 3, 5, 7, 11, 13}) {
            if (n % p == 0) {
                return n == p;
            }
        }
        long d = n - 1;
        int s = 0;
        while ((d & 1) == 0) {
            d >>= 1;
            s++;
        }
        for (long a : new long[] {2, 3, 5, 7, 11}) {
            long x = powmod(a, d, n);
            if (x == 1 || x == n - 1) {
                continue;
            }
            boolean composite = true;
            for (int r = 1; r < s; r++) {
                x = mulmod(x, x, n);
                if (x == n - 1) {
                    composite = false;
                    break;
                }
            }
            if (composite) {
                return false;
            }
        }
        return true;
    }

    static int collatz(long n) {
        int steps = 0;
        while (n != 1) {
            n = (n & 1) == 0 ? n / 2 : 3 * n + 1;
            steps++;
        }
        return steps;
    }

    public static void main(String[] args) {
        System.out.println(powmod(2, 1000, 1000000007L) + " " + powmod(3, 123456789L, 998244353L));
        StringBuilder sb = new StringBuilder();
        for (long n = 1000000000000L; n < 1000000000100L; n++) {
            if (probablePrime(n)) {
                sb.append(n % 1000).append(' ');
            }
        }
        System.out.println(sb);
        int best = 0;
        long arg = 0;
        for (long n = 1; n < 3000; n++) {
            int c = collatz(n);
            if (c > best) {
                best = c;
                arg = n;
            }
        }
        System.out.println(arg + " " + best);
        long h = 1469598103934665603L;
        for (char c : "phantom".toCharArray()) {
            h ^= c;
            h *= 1099511628211L;
        }
        System.out.println(h + " " + (h >>> 1) + " " + Long.MIN_VALUE / -1 + " " + Math.abs(Long.MIN_VALUE));
    }
}
