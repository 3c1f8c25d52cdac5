// Errors the VM detects itself become the Java exceptions a program can
// catch: null receivers, field access on null and unboxing null are
// NullPointerException, charAt out of range is
// StringIndexOutOfBoundsException, unbounded recursion is
// StackOverflowError; handlers of other types let them pass.
public class VmErrors {
    String name;
    int[] data;

    int size() {
        return data.length;
    }

    static int depth(int n) {
        return depth(n + 1) + 1;
    }

    public static void main(String[] args) {
        VmErrors none = null;
        try {
            System.out.println(none.name);
        } catch (NullPointerException e) {
            System.out.println("field read on null");
        }
        try {
            none.name = "x";
        } catch (RuntimeException e) {
            System.out.println("field write on null: " + (e instanceof NullPointerException));
        }
        try {
            System.out.println(none.size());
        } catch (Exception e) {
            System.out.println("call on null");
        }
        VmErrors v = new VmErrors();
        try {
            System.out.println(v.size());
        } catch (NullPointerException e) {
            System.out.println("array is null");
        }
        Integer boxed = null;
        try {
            int i = boxed;
            System.out.println(i);
        } catch (NullPointerException e) {
            System.out.println("unboxing null");
        }
        try {
            System.out.println("abc".charAt(5));
        } catch (StringIndexOutOfBoundsException e) {
            System.out.println(e.getMessage());
        }
        try {
            try {
                System.out.println(none.name.length());
            } catch (ArithmeticException e) {
                System.out.println("wrong handler");
            } finally {
                System.out.println("finally runs");
            }
        } catch (Throwable t) {
            System.out.println("outer caught " + (t instanceof NullPointerException));
        }
        try {
            depth(0);
        } catch (StackOverflowError e) {
            System.out.println("stack overflow");
        }
        System.out.println("done");
    }
}
