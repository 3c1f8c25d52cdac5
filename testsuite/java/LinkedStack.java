// A generic linked stack and queue of our own, with an iterator.
import java.util.Iterator;

public class LinkedStack {
    static class Node<T> {
        final T value;
        Node<T> next;
        Node(T value, Node<T> next) {
            this.value = value;
            this.next = next;
        }
    }

    static class Stack<T> implements Iterable<T> {
        private Node<T> top;
        private int size;

        void push(T v) {
            top = new Node<>(v, top);
            size++;
        }

        T pop() {
            if (top == null) {
                throw new RuntimeException("empty stack");
            }
            T v = top.value;
            top = top.next;
            size--;
            return v;
        }

        boolean isEmpty() {
            return top == null;
        }

        public Iterator<T> iterator() {
            return new Iterator<T>() {
                Node<T> at = top;
                public boolean hasNext() {
                    return at != null;
                }
                public T next() {
                    T v = at.value;
                    at = at.next;
                    return v;
                }
            };
        }
    }

    public static void main(String[] args) {
        Stack<String> s = new Stack<>();
        for (String w : new String[] {"one", "two", "three"}) {
            s.push(w);
        }
        for (String w : s) {
            System.out.print(w + " ");
        }
        System.out.println(s.size);
        while (!s.isEmpty()) {
            System.out.print(s.pop() + ";");
        }
        System.out.println();
        try {
            s.pop();
        } catch (RuntimeException e) {
            System.out.println(e.getMessage());
        }
        Stack<Integer> nums = new Stack<>();
        for (int i = 1; i <= 10; i++) {
            nums.push(i * i);
        }
        int total = 0;
        for (int v : nums) {
            total += v;
        }
        System.out.println(total);
    }
}
