// Sieve of Eratosthenes with a boolean array, trial division, and a
// count of primes below a bound.
public class Primes {
    static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        for (int d = 2; (long) d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    public static void main(String[] args) {
        int limit = 2000;
        boolean[] composite = new boolean[limit + 1];
        int count = 0;
        long sum = 0;
        for (int i = 2; i <= limit; i++) {
            if (!composite[i]) {
                count++;
                sum += i;
                for (int j = i * i; j <= limit; j += i) {
                    composite[j] = true;
                }
            }
        }
        System.out.println(count + " " + sum);
        StringBuilder first = new StringBuilder();
        for (int i = 0, found = 0; found < 15; i++) {
            if (isPrime(i)) {
                first.append(i).append(' ');
                found++;
            }
        }
        System.out.println(first.toString());
        System.out.println(isPrime(2147483647) + " " + isPrime(2147483646));
    }
}
