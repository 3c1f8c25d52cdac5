// Static nested classes, inner classes reaching their outer instance,
// anonymous classes implementing an interface, local counters.
public class InnerClasses {
    interface Greeter {
        String greet(String who);
    }

    private int base = 10;
    private String prefix = "Hi";

    class Adder {
        int add(int x) {
            return base + x;
        }
    }

    static class Pair {
        final int a, b;
        Pair(int a, int b) {
            this.a = a;
            this.b = b;
        }
        Pair swap() {
            return new Pair(b, a);
        }
    }

    Greeter polite() {
        return new Greeter() {
            public String greet(String who) {
                return prefix + ", dear " + who;
            }
        };
    }

    public static void main(String[] args) {
        InnerClasses outer = new InnerClasses();
        InnerClasses.Adder adder = outer.new Adder();
        System.out.println(adder.add(5));
        outer.base = 100;
        System.out.println(adder.add(5));
        Pair p = new Pair(1, 2).swap();
        System.out.println(p.a + " " + p.b);
        Greeter g = outer.polite();
        System.out.println(g.greet("Ann"));
        Greeter shout = new Greeter() {
            int calls;
            public String greet(String who) {
                calls++;
                return "HEY " + who + " #" + calls;
            }
        };
        System.out.println(shout.greet("Bob"));
        System.out.println(shout.greet("Cy"));
    }
}
