// Sorting int arrays: insertion sort, quicksort, merge sort, checked
// against each other on pseudo-random data.
public class Sorting {
    static int seed = 12345;

    static int next() {
        seed = seed * 1103515245 + 12345;
        return (seed >>> 16) % 1000;
    }

    static void insertion(int[] a) {
        for (int i = 1; i < a.length; i++) {
            int v = a[i];
            int j = i - 1;
            while (j >= 0 && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    static void quick(int[] a, int lo, int hi) {
        if (lo >= hi) {
            return;
        }
        int p = a[(lo + hi) >>> 1], i = lo, j = hi;
        while (i <= j) {
            while (a[i] < p) {
                i++;
            }
            while (a[j] > p) {
                j--;
            }
            if (i <= j) {
                int t = a[i];
                a[i] = a[j];
                a[j] = t;
                i++;
                j--;
            }
        }
        quick(a, lo, j);
        quick(a, i, hi);
    }

    static int[] merge(int[] a) {
        if (a.length < 2) {
            return a;
        }
        int mid = a.length / 2;
        int[] l = new int[mid], r = new int[a.length - mid];
        for (int i = 0; i < a.length; i++) {
            if (i < mid) {
                l[i] = a[i];
            } else {
                r[i - mid] = a[i];
            }
        }
        l = merge(l);
        r = merge(r);
        int[] out = new int[a.length];
        int i = 0, j = 0, k = 0;
        while (i < l.length && j < r.length) {
            out[k++] = l[i] <= r[j] ? l[i++] : r[j++];
        }
        while (i < l.length) {
            out[k++] = l[i++];
        }
        while (j < r.length) {
            out[k++] = r[j++];
        }
        return out;
    }

    public static void main(String[] args) {
        int n = 300;
        int[] a = new int[n], b = new int[n], c = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = b[i] = c[i] = next();
        }
        insertion(a);
        quick(b, 0, n - 1);
        c = merge(c);
        boolean same = true;
        long check = 0;
        for (int i = 0; i < n; i++) {
            same &= a[i] == b[i] && b[i] == c[i];
            check = check * 31 + a[i];
        }
        System.out.println(same + " " + check);
        System.out.println(a[0] + " " + a[n / 2] + " " + a[n - 1]);
    }
}
