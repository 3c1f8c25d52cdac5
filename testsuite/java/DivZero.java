// Integer and long division and remainder by zero throw ArithmeticException.
public class DivZero {
    static int zero() {
        return 0;
    }

    public static void main(String[] args) {
        int a = 10;
        try {
            System.out.println(a / zero());
        } catch (ArithmeticException e) {
            System.out.println("div: " + e.getMessage());
        }
        try {
            System.out.println(a % zero());
        } catch (ArithmeticException e) {
            System.out.println("rem: " + e);
        }
        long b = 10;
        try {
            System.out.println(b / zero());
        } catch (RuntimeException e) {
            System.out.println("ldiv: " + e.getMessage());
        }
        try {
            System.out.println(b % (long) zero());
        } catch (Exception e) {
            System.out.println("lrem: " + e.getMessage());
        }
        System.out.println(b / 3 + " " + a % 3);
        System.out.println(a / zero());
    }
}
