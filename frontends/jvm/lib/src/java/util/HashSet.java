/*
 * The runtime library's HashSet: the keys of a HashMap, as in the JDK, so
 * iteration order is the JDK's.
 */
package java.util;

public class HashSet<E> {
    private final HashMap<E, Object> map = new HashMap<>();
    private static final Object PRESENT = new Object();

    public HashSet() {
    }

    public boolean add(E e) {
        return map.put(e, PRESENT) == null;
    }

    public boolean contains(Object o) {
        return map.containsKey(o);
    }

    public boolean remove(Object o) {
        return map.remove(o) == PRESENT;
    }

    public int size() {
        return map.size();
    }

    public boolean isEmpty() {
        return map.isEmpty();
    }

    public void clear() {
        map.clear();
    }

    public Iterator<E> iterator() {
        return map.keySet().iterator();
    }

    public String toString() {
        return map.keySet().toString();
    }
}
