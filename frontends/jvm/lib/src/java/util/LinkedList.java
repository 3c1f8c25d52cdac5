/*
 * The runtime library's LinkedList: a doubly linked list with the JDK's
 * list, queue and deque methods.
 */
package java.util;

public class LinkedList<E> {
    private static final class Node<E> {
        E item;
        Node<E> prev;
        Node<E> next;

        Node(Node<E> prev, E item, Node<E> next) {
            this.prev = prev;
            this.item = item;
            this.next = next;
        }
    }

    private Node<E> first;
    private Node<E> last;
    private int size;

    public LinkedList() {
    }

    public void addFirst(E e) {
        Node<E> n = new Node<>(null, e, first);
        if (first == null) {
            last = n;
        } else {
            first.prev = n;
        }
        first = n;
        size++;
    }

    public void addLast(E e) {
        Node<E> n = new Node<>(last, e, null);
        if (last == null) {
            first = n;
        } else {
            last.next = n;
        }
        last = n;
        size++;
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

    private E unlink(Node<E> n) {
        if (n.prev == null) {
            first = n.next;
        } else {
            n.prev.next = n.next;
        }
        if (n.next == null) {
            last = n.prev;
        } else {
            n.next.prev = n.prev;
        }
        size--;
        return n.item;
    }

    public E removeFirst() {
        if (first == null) {
            throw new NoSuchElementException();
        }
        return unlink(first);
    }

    public E removeLast() {
        if (last == null) {
            throw new NoSuchElementException();
        }
        return unlink(last);
    }

    public E remove() {
        return removeFirst();
    }

    public E pop() {
        return removeFirst();
    }

    public E poll() {
        return first == null ? null : unlink(first);
    }

    public E pollLast() {
        return last == null ? null : unlink(last);
    }

    public E peek() {
        return first == null ? null : first.item;
    }

    public E peekLast() {
        return last == null ? null : last.item;
    }

    public E getFirst() {
        if (first == null) {
            throw new NoSuchElementException();
        }
        return first.item;
    }

    public E getLast() {
        if (last == null) {
            throw new NoSuchElementException();
        }
        return last.item;
    }

    private Node<E> node(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("Index: " + index + ", Size: " + size);
        }
        Node<E> n = first;
        for (int i = 0; i < index; i++) {
            n = n.next;
        }
        return n;
    }

    public E get(int index) {
        return node(index).item;
    }

    public E set(int index, E e) {
        Node<E> n = node(index);
        E old = n.item;
        n.item = e;
        return old;
    }

    public E remove(int index) {
        return unlink(node(index));
    }

    public boolean contains(Object o) {
        for (Node<E> n = first; n != null; n = n.next) {
            if (o == null ? n.item == null : o.equals(n.item)) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void clear() {
        first = null;
        last = null;
        size = 0;
    }

    public Iterator<E> iterator() {
        return new Iterator<E>() {
            Node<E> at = first;

            public boolean hasNext() {
                return at != null;
            }

            public E next() {
                if (at == null) {
                    throw new NoSuchElementException();
                }
                E e = at.item;
                at = at.next;
                return e;
            }
        };
    }

    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (Node<E> n = first; n != null; n = n.next) {
            b.append(n == first ? "" : ", ").append(n.item);
        }
        return b.append("]").toString();
    }
}
