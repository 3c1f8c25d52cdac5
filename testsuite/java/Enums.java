// Enums: values(), valueOf(), name(), ordinal(), compareTo(), fields and
// constructors, constant-specific bodies, switch on an enum.
public class Enums {
    enum Color {
        RED, GREEN, BLUE
    }

    enum Planet {
        MERCURY(3303, 2439), EARTH(5976, 6378), JUPITER(1900000, 71492);

        final int mass;
        final int radius;

        Planet(int mass, int radius) {
            this.mass = mass;
            this.radius = radius;
        }

        long density() {
            return (long) mass * 1000000 / ((long) radius * radius);
        }
    }

    enum Op {
        ADD {
            int apply(int a, int b) {
                return a + b;
            }
        },
        MUL {
            int apply(int a, int b) {
                return a * b;
            }
        };

        abstract int apply(int a, int b);
    }

    static String describe(Color c) {
        switch (c) {
            case RED:
                return "warm";
            case BLUE:
                return "cold";
            default:
                return "neutral";
        }
    }

    public static void main(String[] args) {
        for (Color c : Color.values()) {
            System.out.println(c + " " + c.ordinal() + " " + c.name() + " " + describe(c));
        }
        System.out.println(Color.valueOf("GREEN") == Color.GREEN);
        System.out.println(Color.RED.compareTo(Color.BLUE));
        try {
            Color.valueOf("PURPLE");
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
        }
        for (Planet p : Planet.values()) {
            System.out.println(p + " " + p.density());
        }
        for (Op op : Op.values()) {
            System.out.println(op + " " + op.apply(6, 7));
        }
        Color c = Color.BLUE;
        System.out.println(c.equals(Color.BLUE) + " " + (c == Color.RED) + " " + Color.values().length);
    }
}
