// java.util.Objects: equals, hash, hashCode, toString, isNull, nonNull,
// requireNonNull; a value class using them as a HashMap key.
import java.util.HashMap;
import java.util.Objects;

public class ObjectsUtil {
    static final class Key {
        final String name;
        final int id;
        Key(String name, int id) {
            this.name = name;
            this.id = id;
        }
        @Override
        public boolean equals(Object o) {
            return o instanceof Key && Objects.equals(name, ((Key) o).name) && id == ((Key) o).id;
        }
        @Override
        public int hashCode() {
            return Objects.hash(name, id);
        }
    }

    public static void main(String[] args) {
        System.out.println(Objects.equals(null, null) + " " + Objects.equals("a", null) + " " + Objects.equals("a", "a"));
        System.out.println(Objects.hash("a", 1, null) + " " + Objects.hashCode(null) + " " + Objects.hashCode("abc"));
        System.out.println(Objects.toString(null) + " " + Objects.isNull(null) + " " + Objects.nonNull(3));
        HashMap<Key, String> m = new HashMap<>();
        m.put(new Key("x", 1), "first");
        m.put(new Key(null, 2), "null name");
        m.put(new Key("x", 1), "replaced");
        System.out.println(m.size() + " " + m.get(new Key("x", 1)) + " " + m.get(new Key(null, 2)) + " " + new Key("q", 9).hashCode());
        try {
            Objects.requireNonNull(null);
        } catch (NullPointerException e) {
            System.out.println("requireNonNull threw");
        }
    }
}
