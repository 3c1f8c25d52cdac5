// Overloading by descriptor: int, long, char, String, Object, arrays, and
// overloaded constructors; the most specific overload is javac's choice.
public class Overloads {
    static String f(int x) {
        return "int " + x;
    }

    static String f(long x) {
        return "long " + x;
    }

    static String f(char x) {
        return "char " + x;
    }

    static String f(String x) {
        return "String " + x;
    }

    static String f(Object x) {
        return "Object " + x;
    }

    static String f(int[] x) {
        return "int[] of " + x.length;
    }

    static String f(int a, int b) {
        return "two ints " + (a + b);
    }

    final String how;

    Overloads() {
        this("default");
    }

    Overloads(String how) {
        this.how = how;
    }

    Overloads(int n) {
        this("number " + n);
    }

    String g(Object o) {
        return "g(Object)";
    }

    String g(Overloads o) {
        return "g(Overloads) " + o.how;
    }

    public static void main(String[] args) {
        byte b = 3;
        short s = 4;
        System.out.println(f(1) + "; " + f(2L) + "; " + f('c') + "; " + f("s") + "; " + f(new Object() == null ? null : (Object) "o"));
        System.out.println(f(b) + "; " + f(s) + "; " + f(new int[3]) + "; " + f(1, 2) + "; " + f((Object) 5));
        System.out.println(new Overloads().how + ", " + new Overloads(7).how + ", " + new Overloads("x").how);
        Overloads o = new Overloads("me");
        System.out.println(o.g(o) + "; " + o.g((Object) o) + "; " + o.g("str"));
    }
}
