// <clinit> runs once, on first use, superclass first.
public class StaticInit {
    static class Base {
        static int baseValue = init("Base", 10);
        static int calls;
        static int get() {
            calls++;
            return baseValue;
        }
    }

    static class Derived extends Base {
        static int derivedValue = init("Derived", baseValue * 2);
    }

    static class Lazy {
        static final int[] TABLE = new int[4];
        static {
            System.out.println("Lazy init");
            for (int i = 0; i < TABLE.length; i++) {
                TABLE[i] = i * 3;
            }
        }
    }

    static int init(String who, int v) {
        System.out.println("init " + who);
        return v;
    }

    static int counter = 100;

    public static void main(String[] args) {
        System.out.println("main starts " + counter);
        System.out.println(Derived.derivedValue);
        System.out.println(Base.get() + Base.get());
        System.out.println(Base.calls);
        System.out.println("before lazy");
        System.out.println(Lazy.TABLE[3]);
        System.out.println(Lazy.TABLE[2]);
    }
}
