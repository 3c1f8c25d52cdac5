/*
 * The runtime library's Arrays: sorting (a stable merge sort for objects,
 * as the JDK's is stable, so the results are the JDK's), toString, fill,
 * equals.
 */
package java.util;

public class Arrays {
    private Arrays() {
    }

    public static void sort(int[] a) {
        for (int i = 1; i < a.length; i++) {
            int v = a[i];
            int lo = 0;
            int hi = i;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (a[mid] <= v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            for (int j = i; j > lo; j--) {
                a[j] = a[j - 1];
            }
            a[lo] = v;
        }
    }

    public static void sort(long[] a) {
        for (int i = 1; i < a.length; i++) {
            long v = a[i];
            int j = i - 1;
            while (j >= 0 && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    public static void sort(Object[] a) {
        sort(a, null);
    }

    @SuppressWarnings("unchecked")
    public static <T> void sort(T[] a, Comparator<? super T> c) {
        Object[] tmp = new Object[a.length];
        mergeSort((Object[]) a, tmp, 0, a.length, (Comparator<Object>) c);
    }

    @SuppressWarnings("unchecked")
    static int cmp(Object x, Object y, Comparator<Object> c) {
        return c == null ? $Util.compare(x, y) : c.compare(x, y);
    }

    static void mergeSort(Object[] a, Object[] tmp, int lo, int hi, Comparator<Object> c) {
        if (hi - lo < 2) {
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, lo, mid, c);
        mergeSort(a, tmp, mid, hi, c);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
            tmp[k++] = cmp(a[j], a[i], c) < 0 ? a[j++] : a[i++];
        }
        while (i < mid) {
            tmp[k++] = a[i++];
        }
        while (j < hi) {
            tmp[k++] = a[j++];
        }
        for (k = lo; k < hi; k++) {
            a[k] = tmp[k];
        }
    }

    public static String toString(int[] a) {
        if (a == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            b.append(i == 0 ? "" : ", ").append(a[i]);
        }
        return b.append("]").toString();
    }

    public static String toString(long[] a) {
        if (a == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            b.append(i == 0 ? "" : ", ").append(a[i]);
        }
        return b.append("]").toString();
    }

    public static String toString(Object[] a) {
        if (a == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            b.append(i == 0 ? "" : ", ").append(a[i]);
        }
        return b.append("]").toString();
    }

    public static void fill(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            a[i] = v;
        }
    }

    public static void fill(long[] a, long v) {
        for (int i = 0; i < a.length; i++) {
            a[i] = v;
        }
    }

    public static void fill(boolean[] a, boolean v) {
        for (int i = 0; i < a.length; i++) {
            a[i] = v;
        }
    }

    public static void fill(Object[] a, Object v) {
        for (int i = 0; i < a.length; i++) {
            a[i] = v;
        }
    }

    public static boolean equals(int[] a, int[] b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    public static int[] copyOf(int[] a, int n) {
        int[] r = new int[n];
        for (int i = 0; i < n && i < a.length; i++) {
            r[i] = a[i];
        }
        return r;
    }
}
