// Fields with the same name in a class and its subclass are different
// fields; static and instance fields of the same name; access through
// references of either type and through super.
public class Shadowing {
    static class A {
        int v = 1;
        static String tag = "A";
        int get() {
            return v;
        }
    }

    static class B extends A {
        int v = 2;
        static String tag = "B";
        int get() {
            return v * 10 + super.get();
        }
        int both() {
            return v + super.v;
        }
    }

    public static void main(String[] args) {
        B b = new B();
        A a = b;
        System.out.println(b.v + " " + a.v + " " + ((A) b).v);
        System.out.println(b.get() + " " + a.get() + " " + b.both());
        a.v = 100;
        b.v = 200;
        System.out.println(b.both() + " " + A.tag + B.tag);
        B.tag = "changed";
        System.out.println(A.tag + " " + B.tag);
    }
}
