/*
 * The runtime library's HashMap, compiled by javac and then by the JVM
 * front end (see docs/jvm.md). The table, hash spreading, resizing and
 * bucket order follow the JDK's HashMap, so iteration order is the same
 * (bins are never turned into trees here, which the JDK does for 8 or more
 * colliding keys in a table of 64 or more).
 */
package java.util;

public class HashMap<K, V> {
    static final class Node<K, V> implements Map.Entry<K, V> {
        final int hash;
        final K key;
        V value;
        Node<K, V> next;

        Node(int hash, K key, V value, Node<K, V> next) {
            this.hash = hash;
            this.key = key;
            this.value = value;
            this.next = next;
        }

        public K getKey() {
            return key;
        }

        public V getValue() {
            return value;
        }

        public V setValue(V v) {
            V old = value;
            value = v;
            return old;
        }

        public String toString() {
            return key + "=" + value;
        }
    }

    Node<K, V>[] table;
    int size;
    int threshold;

    public HashMap() {
    }

    public HashMap(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("Illegal initial capacity: " + initialCapacity);
        }
        threshold = tableSizeFor(initialCapacity);
    }

    static int tableSizeFor(int cap) {
        int n = 1;
        while (n < cap && n < (1 << 30)) {
            n <<= 1;
        }
        return n;
    }

    static int hash(Object key) {
        int h;
        return key == null ? 0 : (h = key.hashCode()) ^ (h >>> 16);
    }

    static boolean same(Object a, Object b) {
        return a == b || (a != null && a.equals(b));
    }

    @SuppressWarnings("unchecked")
    final Node<K, V>[] resize() {
        Node<K, V>[] oldTab = table;
        int oldCap = oldTab == null ? 0 : oldTab.length;
        int oldThr = threshold;
        int newCap;
        int newThr = 0;
        if (oldCap > 0) {
            newCap = oldCap << 1;
            newThr = oldThr << 1;
        } else if (oldThr > 0) {
            newCap = oldThr;
        } else {
            newCap = 16;
            newThr = 12;
        }
        if (newThr == 0) {
            newThr = newCap * 3 / 4;
        }
        threshold = newThr;
        Node<K, V>[] newTab = (Node<K, V>[]) new Node[newCap];
        table = newTab;
        for (int j = 0; j < oldCap; ++j) {
            Node<K, V> e = oldTab[j];
            if (e == null) {
                continue;
            }
            Node<K, V> loHead = null, loTail = null, hiHead = null, hiTail = null;
            while (e != null) {
                Node<K, V> next = e.next;
                e.next = null;
                if ((e.hash & oldCap) == 0) {
                    if (loTail == null) {
                        loHead = e;
                    } else {
                        loTail.next = e;
                    }
                    loTail = e;
                } else {
                    if (hiTail == null) {
                        hiHead = e;
                    } else {
                        hiTail.next = e;
                    }
                    hiTail = e;
                }
                e = next;
            }
            newTab[j] = loHead;
            newTab[j + oldCap] = hiHead;
        }
        return newTab;
    }

    final Node<K, V> getNode(Object key) {
        Node<K, V>[] tab = table;
        if (tab == null) {
            return null;
        }
        int h = hash(key);
        for (Node<K, V> e = tab[(tab.length - 1) & h]; e != null; e = e.next) {
            if (e.hash == h && same(e.key, key)) {
                return e;
            }
        }
        return null;
    }

    public V get(Object key) {
        Node<K, V> e = getNode(key);
        return e == null ? null : e.value;
    }

    public V getOrDefault(Object key, V defaultValue) {
        Node<K, V> e = getNode(key);
        return e == null ? defaultValue : e.value;
    }

    public boolean containsKey(Object key) {
        return getNode(key) != null;
    }

    public boolean containsValue(Object value) {
        if (table != null) {
            for (Node<K, V> e : table) {
                for (; e != null; e = e.next) {
                    if (same(e.value, value)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    final V putVal(K key, V value, boolean onlyIfAbsent) {
        Node<K, V>[] tab = table;
        if (tab == null || tab.length == 0) {
            tab = resize();
        }
        int h = hash(key);
        int i = (tab.length - 1) & h;
        Node<K, V> p = tab[i];
        if (p == null) {
            tab[i] = new Node<>(h, key, value, null);
        } else {
            while (true) {
                if (p.hash == h && same(p.key, key)) {
                    V old = p.value;
                    if (!onlyIfAbsent || old == null) {
                        p.value = value;
                    }
                    return old;
                }
                if (p.next == null) {
                    p.next = new Node<>(h, key, value, null);
                    break;
                }
                p = p.next;
            }
        }
        if (++size > threshold) {
            resize();
        }
        return null;
    }

    public V put(K key, V value) {
        return putVal(key, value, false);
    }

    public V putIfAbsent(K key, V value) {
        return putVal(key, value, true);
    }

    public V remove(Object key) {
        Node<K, V>[] tab = table;
        if (tab == null) {
            return null;
        }
        int h = hash(key);
        int i = (tab.length - 1) & h;
        Node<K, V> prev = null;
        for (Node<K, V> e = tab[i]; e != null; prev = e, e = e.next) {
            if (e.hash == h && same(e.key, key)) {
                if (prev == null) {
                    tab[i] = e.next;
                } else {
                    prev.next = e.next;
                }
                size--;
                return e.value;
            }
        }
        return null;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void clear() {
        if (table != null && size > 0) {
            size = 0;
            for (int i = 0; i < table.length; i++) {
                table[i] = null;
            }
        }
    }

    public Set<K> keySet() {
        return new View<K>(this, 0);
    }

    public Collection<V> values() {
        return new View<V>(this, 1);
    }

    public Set<Map.Entry<K, V>> entrySet() {
        return new View<Map.Entry<K, V>>(this, 2);
    }

    public String toString() {
        String s = "{";
        boolean first = true;
        if (table != null) {
            for (Node<K, V> e : table) {
                for (; e != null; e = e.next) {
                    s = s + (first ? "" : ", ") + e;
                    first = false;
                }
            }
        }
        return s + "}";
    }

    public void forEach(java.util.function.BiConsumer<? super K, ? super V> action) {
        if (table != null) {
            for (Node<K, V> e : table) {
                for (; e != null; e = e.next) {
                    action.accept(e.key, e.value);
                }
            }
        }
    }

    public V merge(K key, V value, java.util.function.BiFunction<? super V, ? super V, ? extends V> f) {
        Node<K, V> e = getNode(key);
        if (e == null || e.value == null) {
            put(key, value);
            return value;
        }
        V v = f.apply(e.value, value);
        if (v == null) {
            remove(key);
        } else {
            e.value = v;
        }
        return v;
    }

    public V computeIfAbsent(K key, java.util.function.Function<? super K, ? extends V> f) {
        Node<K, V> e = getNode(key);
        if (e != null && e.value != null) {
            return e.value;
        }
        V v = f.apply(key);
        if (v != null) {
            put(key, v);
        }
        return v;
    }

    /** Walks the table in order: the keys, values or entries. */
    static final class Walker<E> implements Iterator<E> {
        final HashMap<?, ?> map;
        final int what;
        Node<?, ?> next;
        int index;

        Walker(HashMap<?, ?> map, int what) {
            this.map = map;
            this.what = what;
            advance(null);
        }

        void advance(Node<?, ?> from) {
            next = from == null ? null : from.next;
            Node<?, ?>[] t = map.table;
            while (next == null && t != null && index < t.length) {
                next = t[index++];
            }
        }

        public boolean hasNext() {
            return next != null;
        }

        @SuppressWarnings("unchecked")
        public E next() {
            Node<?, ?> e = next;
            if (e == null) {
                throw new NoSuchElementException();
            }
            advance(e);
            return (E) (what == 0 ? e.key : what == 1 ? e.value : e);
        }
    }

    /** The keys, values or entries of a map (read-only). */
    static final class View<E> implements Set<E> {
        final HashMap<?, ?> map;
        final int what;

        View(HashMap<?, ?> map, int what) {
            this.map = map;
            this.what = what;
        }

        public Iterator<E> iterator() {
            return new Walker<E>(map, what);
        }

        public void forEach(java.util.function.Consumer<? super E> action) {
            for (Iterator<E> it = iterator(); it.hasNext();) {
                action.accept(it.next());
            }
        }

        public int size() {
            return map.size;
        }

        public boolean isEmpty() {
            return map.size == 0;
        }

        public boolean contains(Object o) {
            for (Iterator<E> it = iterator(); it.hasNext();) {
                if (same(it.next(), o)) {
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
            map.clear();
        }

        public String toString() {
            String s = "[";
            boolean first = true;
            for (Iterator<E> it = iterator(); it.hasNext();) {
                s = s + (first ? "" : ", ") + it.next();
                first = false;
            }
            return s + "]";
        }
    }
}
