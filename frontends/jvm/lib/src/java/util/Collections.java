/*
 * The runtime library's Collections: sorting and reversing lists (through
 * the List methods, found by name on the runtime library's ArrayList),
 * max and min.
 */
package java.util;

public class Collections {
    private Collections() {
    }

    public static <T extends Comparable<? super T>> void sort(List<T> list) {
        sort(list, null);
    }

    @SuppressWarnings("unchecked")
    public static <T> void sort(List<T> list, Comparator<? super T> c) {
        Object[] a = new Object[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        Arrays.sort(a, (Comparator<Object>) c);
        for (int i = 0; i < a.length; i++) {
            list.set(i, (T) a[i]);
        }
    }

    public static void reverse(List<?> list) {
        reverseOf(list);
    }

    @SuppressWarnings("unchecked")
    private static <T> void reverseOf(List<T> list) {
        for (int i = 0, j = list.size() - 1; i < j; i++, j--) {
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
