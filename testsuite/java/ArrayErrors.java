// ArrayIndexOutOfBoundsException and NegativeArraySizeException with Java's messages.
public class ArrayErrors {
    public static void main(String[] args) {
        int[] a = new int[3];
        try {
            a[3] = 1;
        } catch (ArrayIndexOutOfBoundsException e) {
            System.out.println(e.getMessage());
        }
        try {
            System.out.println(a[-1]);
        } catch (IndexOutOfBoundsException e) {
            System.out.println(e);
        }
        try {
            int[] b = new int[-2];
            System.out.println(b.length);
        } catch (NegativeArraySizeException e) {
            System.out.println(e);
        }
        String[] s = new String[1];
        try {
            s[1] = "no";
        } catch (RuntimeException e) {
            System.out.println("caught " + e.getMessage());
        }
        System.out.println(a[2]);
        a[5] = 1;
    }
}
