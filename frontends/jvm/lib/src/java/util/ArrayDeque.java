/*
 * The runtime library's ArrayDeque: a circular array, as in the JDK (null
 * elements are refused, as there).
 */
package java.util;

public class ArrayDeque<E> {
    private Object[] elems = new Object[16];
    private int head;
    private int size;

    public ArrayDeque() {
    }

    public ArrayDeque(int numElements) {
    }

    private void grow() {
        if (size < elems.length) {
            return;
        }
        Object[] n = new Object[elems.length * 2];
        for (int i = 0; i < size; i++) {
            n[i] = elems[(head + i) % elems.length];
        }
        elems = n;
        head = 0;
    }

    public void addFirst(E e) {
        if (e == null) {
            throw new NullPointerException();
        }
        grow();
        head = (head - 1 + elems.length) % elems.length;
        elems[head] = e;
        size++;
    }

    public void addLast(E e) {
        if (e == null) {
            throw new NullPointerException();
        }
        grow();
        elems[(head + size) % elems.length] = e;
        size++;
    }

    public boolean offerFirst(E e) {
        addFirst(e);
        return true;
    }

    public boolean offerLast(E e) {
        addLast(e);
        return true;
    }

    public boolean add(E e) {
        addLast(e);
        return true;
    }

    public boolean offer(E e) {
        addLast(e);
        return true;
    }

    public void push(E e) {
        addFirst(e);
    }

    @SuppressWarnings("unchecked")
    public E pollFirst() {
        if (size == 0) {
            return null;
        }
        E e = (E) elems[head];
        elems[head] = null;
        head = (head + 1) % elems.length;
        size--;
        return e;
    }

    @SuppressWarnings("unchecked")
    public E pollLast() {
        if (size == 0) {
            return null;
        }
        int i = (head + size - 1) % elems.length;
        E e = (E) elems[i];
        elems[i] = null;
        size--;
        return e;
    }

    public E poll() {
        return pollFirst();
    }

    public E removeFirst() {
        if (size == 0) {
            throw new NoSuchElementException();
        }
        return pollFirst();
    }

    public E removeLast() {
        if (size == 0) {
            throw new NoSuchElementException();
        }
        return pollLast();
    }

    public E pop() {
        return removeFirst();
    }

    public E remove() {
        return removeFirst();
    }

    @SuppressWarnings("unchecked")
    public E peekFirst() {
        return size == 0 ? null : (E) elems[head];
    }

    @SuppressWarnings("unchecked")
    public E peekLast() {
        return size == 0 ? null : (E) elems[(head + size - 1) % elems.length];
    }

    public E peek() {
        return peekFirst();
    }

    public E getFirst() {
        if (size == 0) {
            throw new NoSuchElementException();
        }
        return peekFirst();
    }

    public E getLast() {
        if (size == 0) {
            throw new NoSuchElementException();
        }
        return peekLast();
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void clear() {
        while (size > 0) {
            pollFirst();
        }
        head = 0;
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
                return (E) elems[(head + i++) % elems.length];
            }
        };
    }

    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            b.append(i == 0 ? "" : ", ").append(elems[(head + i) % elems.length]);
        }
        return b.append("]").toString();
    }
}
