/*
 * The runtime library's TreeMap: keys kept sorted in an array (binary
 * search; insertion and removal move the tail), by natural order or a
 * comparator. Same results as the JDK's red-black tree; slower for large
 * maps.
 */
package java.util;

public class TreeMap<K, V> {
    private final Comparator<? super K> cmp;
    private Object[] keys = new Object[8];
    private Object[] vals = new Object[8];
    private int size;

    public TreeMap() {
        cmp = null;
    }

    public TreeMap(Comparator<? super K> comparator) {
        cmp = comparator;
    }

    @SuppressWarnings("unchecked")
    private int compare(Object a, Object b) {
        return cmp == null ? java.lang.$Util.compare(a, b) : cmp.compare((K) a, (K) b);
    }

    /** The index of `key`, or -(insertion point) - 1. */
    private int find(Object key) {
        if (key == null && cmp == null) {
            throw new NullPointerException();
        }
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(keys[mid], key);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    @SuppressWarnings("unchecked")
    public V put(K key, V value) {
        if (size == 0) {
            compare(key, key);
        }
        int i = find(key);
        if (i >= 0) {
            V old = (V) vals[i];
            vals[i] = value;
            return old;
        }
        i = -i - 1;
        if (size == keys.length) {
            Object[] k = new Object[size * 2];
            Object[] v = new Object[size * 2];
            for (int j = 0; j < size; j++) {
                k[j] = keys[j];
                v[j] = vals[j];
            }
            keys = k;
            vals = v;
        }
        for (int j = size; j > i; j--) {
            keys[j] = keys[j - 1];
            vals[j] = vals[j - 1];
        }
        keys[i] = key;
        vals[i] = value;
        size++;
        return null;
    }

    @SuppressWarnings("unchecked")
    public V get(Object key) {
        int i = find(key);
        return i >= 0 ? (V) vals[i] : null;
    }

    public V getOrDefault(Object key, V dflt) {
        int i = find(key);
        return i >= 0 ? get(key) : dflt;
    }

    public boolean containsKey(Object key) {
        return find(key) >= 0;
    }

    public boolean containsValue(Object value) {
        for (int i = 0; i < size; i++) {
            if (value == null ? vals[i] == null : value.equals(vals[i])) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    public V remove(Object key) {
        int i = find(key);
        if (i < 0) {
            return null;
        }
        V old = (V) vals[i];
        for (int j = i; j < size - 1; j++) {
            keys[j] = keys[j + 1];
            vals[j] = vals[j + 1];
        }
        size--;
        keys[size] = null;
        vals[size] = null;
        return old;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void clear() {
        for (int i = 0; i < size; i++) {
            keys[i] = null;
            vals[i] = null;
        }
        size = 0;
    }

    @SuppressWarnings("unchecked")
    private K keyAt(int i) {
        return i >= 0 && i < size ? (K) keys[i] : null;
    }

    public K firstKey() {
        if (size == 0) {
            throw new NoSuchElementException();
        }
        return keyAt(0);
    }

    public K lastKey() {
        if (size == 0) {
            throw new NoSuchElementException();
        }
        return keyAt(size - 1);
    }

    public K floorKey(K key) {
        int i = find(key);
        return i >= 0 ? keyAt(i) : keyAt(-i - 2);
    }

    public K ceilingKey(K key) {
        int i = find(key);
        return i >= 0 ? keyAt(i) : keyAt(-i - 1);
    }

    public K lowerKey(K key) {
        int i = find(key);
        return i >= 0 ? keyAt(i - 1) : keyAt(-i - 2);
    }

    public K higherKey(K key) {
        int i = find(key);
        return i >= 0 ? keyAt(i + 1) : keyAt(-i - 1);
    }

    public Set<K> keySet() {
        return new View<K>(0);
    }

    public Collection<V> values() {
        return new View<V>(1);
    }

    public Set<Map.Entry<K, V>> entrySet() {
        return new View<Map.Entry<K, V>>(2);
    }

    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < size; i++) {
            b.append(i == 0 ? "" : ", ").append(keys[i]).append('=').append(vals[i]);
        }
        return b.append("}").toString();
    }

    @SuppressWarnings("unchecked")
    public void forEach(java.util.function.BiConsumer<? super K, ? super V> action) {
        for (int i = 0; i < size; i++) {
            action.accept((K) keys[i], (V) vals[i]);
        }
    }

    public V merge(K key, V value, java.util.function.BiFunction<? super V, ? super V, ? extends V> f) {
        V old = get(key);
        if (old == null) {
            put(key, value);
            return value;
        }
        V v = f.apply(old, value);
        if (v == null) {
            remove(key);
        } else {
            put(key, v);
        }
        return v;
    }

    public V computeIfAbsent(K key, java.util.function.Function<? super K, ? extends V> f) {
        V old = get(key);
        if (old != null) {
            return old;
        }
        V v = f.apply(key);
        if (v != null) {
            put(key, v);
        }
        return v;
    }

    private final class Entry implements Map.Entry<K, V> {
        final int at;

        Entry(int at) {
            this.at = at;
        }

        @SuppressWarnings("unchecked")
        public K getKey() {
            return (K) keys[at];
        }

        @SuppressWarnings("unchecked")
        public V getValue() {
            return (V) vals[at];
        }

        @SuppressWarnings("unchecked")
        public V setValue(V v) {
            V old = (V) vals[at];
            vals[at] = v;
            return old;
        }

        public String toString() {
            return keys[at] + "=" + vals[at];
        }
    }

    /** Keys, values or entries in key order (read-only). */
    private final class View<E> implements Set<E> {
        final int what;

        View(int what) {
            this.what = what;
        }

        public Iterator<E> iterator() {
            return new Iterator<E>() {
                int i;

                public boolean hasNext() {
                    return i < size;
                }

                @SuppressWarnings("unchecked")
                public E next() {
                    if (i >= size) {
                        throw new NoSuchElementException();
                    }
                    int k = i++;
                    return (E) (what == 0 ? keys[k] : what == 1 ? vals[k] : new Entry(k));
                }
            };
        }

        public void forEach(java.util.function.Consumer<? super E> action) {
            for (Iterator<E> it = iterator(); it.hasNext();) {
                action.accept(it.next());
            }
        }

        public int size() {
            return size;
        }

        public boolean isEmpty() {
            return size == 0;
        }

        public boolean contains(Object o) {
            for (Iterator<E> it = iterator(); it.hasNext();) {
                Object x = it.next();
                if (o == null ? x == null : o.equals(x)) {
                    return true;
                }
            }
            return false;
        }

        public Object[] toArray() {
            throw new UnsupportedOperationException("toArray");
        }

        public <T> T[] toArray(T[] a) {
            throw new UnsupportedOperationException("toArray");
        }

        public boolean add(E e) {
            throw new UnsupportedOperationException("add");
        }

        public boolean remove(Object o) {
            throw new UnsupportedOperationException("remove");
        }

        public boolean containsAll(Collection<?> c) {
            throw new UnsupportedOperationException("containsAll");
        }

        public boolean addAll(Collection<? extends E> c) {
            throw new UnsupportedOperationException("addAll");
        }

        public boolean retainAll(Collection<?> c) {
            throw new UnsupportedOperationException("retainAll");
        }

        public boolean removeAll(Collection<?> c) {
            throw new UnsupportedOperationException("removeAll");
        }

        public void clear() {
            TreeMap.this.clear();
        }

        public String toString() {
            StringBuilder b = new StringBuilder("[");
            int n = 0;
            for (Iterator<E> it = iterator(); it.hasNext();) {
                b.append(n++ == 0 ? "" : ", ").append(it.next());
            }
            return b.append("]").toString();
        }
    }
}
