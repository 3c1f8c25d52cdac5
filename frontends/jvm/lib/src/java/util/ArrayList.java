/*
 * The runtime library's ArrayList, compiled by javac and then by the JVM
 * front end (see docs/jvm.md). Methods have the JDK's names and
 * descriptors, so calls through List and Collection find them by name.
 */
package java.util;

public class ArrayList<E> {
    private Object[] data;
    private int size;

    public ArrayList() {
        data = new Object[10];
    }

    public ArrayList(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("Illegal Capacity: " + initialCapacity);
        }
        data = new Object[initialCapacity == 0 ? 1 : initialCapacity];
    }

    private void grow(int need) {
        if (need <= data.length) {
            return;
        }
        int n = data.length * 2;
        if (n < need) {
            n = need;
        }
        Object[] d = new Object[n];
        for (int i = 0; i < size; i++) {
            d[i] = data[i];
        }
        data = d;
    }

    private void check(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + size);
        }
    }

    public boolean add(E e) {
        grow(size + 1);
        data[size++] = e;
        return true;
    }

    public void add(int index, E e) {
        if (index < 0 || index > size) {
            throw new IndexOutOfBoundsException("Index: " + index + ", Size: " + size);
        }
        grow(size + 1);
        for (int i = size; i > index; i--) {
            data[i] = data[i - 1];
        }
        data[index] = e;
        size++;
    }

    @SuppressWarnings("unchecked")
    public E get(int index) {
        check(index);
        return (E) data[index];
    }

    @SuppressWarnings("unchecked")
    public E set(int index, E e) {
        check(index);
        E old = (E) data[index];
        data[index] = e;
        return old;
    }

    @SuppressWarnings("unchecked")
    public E remove(int index) {
        check(index);
        E old = (E) data[index];
        for (int i = index; i < size - 1; i++) {
            data[i] = data[i + 1];
        }
        data[--size] = null;
        return old;
    }

    public boolean remove(Object o) {
        int i = indexOf(o);
        if (i < 0) {
            return false;
        }
        remove(i);
        return true;
    }

    public int indexOf(Object o) {
        for (int i = 0; i < size; i++) {
            if (o == null ? data[i] == null : o.equals(data[i])) {
                return i;
            }
        }
        return -1;
    }

    public boolean contains(Object o) {
        return indexOf(o) >= 0;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void clear() {
        for (int i = 0; i < size; i++) {
            data[i] = null;
        }
        size = 0;
    }

    public Iterator<E> iterator() {
        return new Itr();
    }

    public String toString() {
        String s = "[";
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                s = s + ", ";
            }
            s = s + data[i];
        }
        return s + "]";
    }

    @SuppressWarnings("unchecked")
    public void sort(Comparator<? super E> c) {
        Object[] a = new Object[size];
        for (int i = 0; i < size; i++) {
            a[i] = data[i];
        }
        Arrays.sort(a, (Comparator<Object>) c);
        for (int i = 0; i < size; i++) {
            data[i] = a[i];
        }
    }

    public void forEach(java.util.function.Consumer<? super E> action) {
        for (int i = 0; i < size; i++) {
            action.accept(get(i));
        }
    }

    public boolean removeIf(java.util.function.Predicate<? super E> filter) {
        int j = 0;
        for (int i = 0; i < size; i++) {
            @SuppressWarnings("unchecked")
            E e = (E) data[i];
            if (!filter.test(e)) {
                data[j++] = e;
            }
        }
        boolean changed = j != size;
        for (int i = j; i < size; i++) {
            data[i] = null;
        }
        size = j;
        return changed;
    }

    private class Itr implements Iterator<E> {
        int cursor;

        public boolean hasNext() {
            return cursor < size;
        }

        @SuppressWarnings("unchecked")
        public E next() {
            if (cursor >= size) {
                throw new NoSuchElementException();
            }
            return (E) data[cursor++];
        }
    }
}
