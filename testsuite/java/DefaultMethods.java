// Interface default methods: inherited, overridden, calling abstract and
// private interface methods and static interface methods, reached through
// the interface, the class and a subclass; a default from a
// superinterface; interface constants.
public class DefaultMethods {
    interface Greeter {
        String PREFIX = ">";

        String name();

        default String greet() {
            return decorate("Hello, " + name());
        }

        default String greetTwice() {
            return greet() + " " + greet();
        }

        private String decorate(String s) {
            return PREFIX + s + suffix();
        }

        static String suffix() {
            return "!";
        }
    }

    interface LoudGreeter extends Greeter {
        default String shout() {
            return greet().toUpperCase();
        }
    }

    static class Ann implements Greeter {
        public String name() {
            return "Ann";
        }
    }

    static class Bob implements LoudGreeter {
        public String name() {
            return "Bob";
        }
        public String greet() {
            return "Yo, " + name();
        }
    }

    static class Bobby extends Bob {
        public String name() {
            return "Bobby";
        }
    }

    static class Cy extends Ann implements LoudGreeter {
        public String name() {
            return "Cy";
        }
    }

    public static void main(String[] args) {
        Greeter[] gs = {new Ann(), new Bob(), new Bobby(), new Cy()};
        for (Greeter g : gs) {
            System.out.println(g.greet() + " | " + g.greetTwice());
        }
        System.out.println(new Bob().shout() + " " + new Cy().shout() + " " + new Bobby().shout());
        Ann a = new Ann();
        System.out.println(a.greet() + " " + Greeter.suffix() + Greeter.PREFIX);
        LoudGreeter lg = new Cy();
        System.out.println(lg.greetTwice());
    }
}
