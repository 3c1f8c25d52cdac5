// instanceof and checkcast against interfaces: the program's own, the
// JDK's that the library's collections stand for (List, Map, ...), and
// Comparable/CharSequence on strings and boxed numbers.
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class InterfaceChecks {
    interface Flyer {
        String fly();
    }

    interface Swimmer {
        String swim();
    }

    interface Diver extends Swimmer {
    }

    static class Duck implements Flyer, Swimmer {
        public String fly() {
            return "duck flies";
        }
        public String swim() {
            return "duck swims";
        }
    }

    static class Penguin implements Diver {
        public String swim() {
            return "penguin dives";
        }
    }

    static class Chick extends Duck {
    }

    static String abilities(Object o) {
        String s = "";
        if (o instanceof Flyer) {
            s += ((Flyer) o).fly() + " ";
        }
        if (o instanceof Swimmer) {
            s += ((Swimmer) o).swim() + " ";
        }
        if (o instanceof Diver) {
            s += "(diver) ";
        }
        return s.isEmpty() ? "nothing" : s;
    }

    public static void main(String[] args) {
        Object[] things = {new Duck(), new Penguin(), new Chick(), "text", 5, null};
        for (Object o : things) {
            System.out.println(abilities(o));
        }
        Object list = new ArrayList<String>();
        Object map = new HashMap<String, Integer>();
        System.out.println((list instanceof List) + " " + (list instanceof Collection) + " " + (list instanceof Map) + " " + (map instanceof Map));
        Object s = "str";
        Object n = 7;
        System.out.println((s instanceof Comparable) + " " + (s instanceof CharSequence) + " " + (n instanceof Comparable) + " " + (n instanceof CharSequence));
        try {
            Flyer f = (Flyer) (Object) new Penguin();
            System.out.println(f.fly());
        } catch (ClassCastException e) {
            System.out.println(e.getMessage());
        }
        Swimmer sw = (Swimmer) (Object) new Chick();
        System.out.println(sw.swim());
        Flyer none = (Flyer) null;
        System.out.println(none == null);
    }
}
