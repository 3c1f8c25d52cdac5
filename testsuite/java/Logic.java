// Short-circuit evaluation with side effects, boolean operators on values,
// nested ternaries, comparisons of every kind.
public class Logic {
    static int calls;

    static boolean t(String s) {
        calls++;
        System.out.print(s);
        return true;
    }

    static boolean f(String s) {
        calls++;
        System.out.print(s);
        return false;
    }

    public static void main(String[] args) {
        boolean r1 = f("a") && t("b");
        boolean r2 = t("c") || f("d");
        boolean r3 = f("e") || t("f") && f("g");
        boolean r4 = t("h") & f("i") | t("j") ^ t("k");
        System.out.println();
        System.out.println(r1 + " " + r2 + " " + r3 + " " + r4 + " " + calls);
        int a = 5, b = -3;
        long la = 5, lb = 5000000000L;
        System.out.println((a > b) + " " + (a >= 5) + " " + (a < b) + " " + (b <= -3) + " " + (a == 5) + " " + (a != 5));
        System.out.println((la < lb) + " " + (la == 5) + " " + (lb > la) + " " + (la != lb) + " " + (lb >= lb) + " " + (la <= -1));
        for (int i = -2; i <= 2; i++) {
            System.out.print((i < 0 ? "neg" : i == 0 ? "zero" : i == 1 ? "one" : "big") + " ");
        }
        System.out.println();
        boolean x = true;
        x ^= true;
        x |= a > 0;
        x &= b > 0;
        System.out.println(x + " " + !x);
    }
}
