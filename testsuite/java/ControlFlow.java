// if/else chains, loops with break and continue, labelled loops, ternaries.
public class ControlFlow {
    static String classify(int n) {
        if (n < 0) {
            return "negative";
        } else if (n == 0) {
            return "zero";
        } else if (n < 10) {
            return "small";
        } else {
            return "large";
        }
    }

    public static void main(String[] args) {
        for (int n : new int[] {-5, 0, 7, 100}) {
            System.out.println(n + " is " + classify(n));
        }
        int i = 0;
        while (true) {
            i++;
            if (i % 2 == 0) {
                continue;
            }
            if (i > 9) {
                break;
            }
            System.out.print(i + " ");
        }
        System.out.println();
        outer:
        for (int a = 0; a < 5; a++) {
            for (int b = 0; b < 5; b++) {
                if (b > a) {
                    continue outer;
                }
                if (a == 4) {
                    break outer;
                }
                System.out.print(a * 10 + b + " ");
            }
        }
        System.out.println();
        int k = 10;
        do {
            k -= 3;
        } while (k > 0);
        System.out.println(k);
        boolean p = k < 0, q = !p;
        System.out.println(p && q ? "both" : p || q ? "one" : "none");
        int collatz = 27, steps = 0;
        while (collatz != 1) {
            collatz = collatz % 2 == 0 ? collatz / 2 : 3 * collatz + 1;
            steps++;
        }
        System.out.println("steps " + steps);
    }
}
