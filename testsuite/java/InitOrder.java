// Initialisation order: static initialisers, instance initialiser blocks,
// field initialisers and constructor bodies through a class hierarchy;
// a virtual call from a superclass constructor sees default field values.
public class InitOrder {
    static StringBuilder log = new StringBuilder();

    static class Base {
        static {
            log.append("Base.static ");
        }
        int x = trace("Base.x", 1);
        {
            log.append("Base.block ");
        }
        Base() {
            log.append("Base() ");
            show();
        }
        void show() {
            log.append("Base.show ");
        }
    }

    static class Derived extends Base {
        static {
            log.append("Derived.static ");
        }
        int y = trace("Derived.y", 2);
        long z = 5;
        String s = "set";
        Derived() {
            super();
            log.append("Derived() y=" + y + " ");
        }
        void show() {
            log.append("Derived.show y=" + y + " z=" + z + " s=" + s + " ");
        }
    }

    static int trace(String what, int v) {
        log.append(what + " ");
        return v;
    }

    public static void main(String[] args) {
        new Derived();
        System.out.println(log);
        log.setLength(0);
        new Derived();
        System.out.println(log);
    }
}
