// User exception classes, nested try/catch/finally, rethrow, finally on return.
public class Exceptions1 {
    static class AppException extends Exception {
        final int code;
        AppException(String msg, int code) {
            super(msg);
            this.code = code;
        }
    }

    static class Detail extends AppException {
        Detail(String msg) {
            super("detail: " + msg, 7);
        }
    }

    static int depth = 0;

    static void check(int v) throws AppException {
        if (v < 0) {
            throw new AppException("negative " + v, 1);
        }
        if (v > 100) {
            throw new Detail("too big " + v);
        }
    }

    static String tryReturn(int v) {
        try {
            if (v == 0) {
                return "zero";
            }
            return "nonzero";
        } finally {
            System.out.println("finally for " + v);
        }
    }

    static int nested(int v) {
        int r = 0;
        try {
            try {
                check(v);
                r = 1;
            } catch (Detail d) {
                r = 2;
                throw new RuntimeException("wrapped " + d.getMessage());
            } finally {
                r += 10;
            }
        } catch (AppException e) {
            r += 100 * e.code;
        } catch (RuntimeException e) {
            System.out.println(e.getMessage());
            r += 1000;
        }
        return r;
    }

    public static void main(String[] args) {
        for (int v : new int[] {5, -3, 500}) {
            try {
                check(v);
                System.out.println(v + " ok");
            } catch (Detail d) {
                System.out.println("Detail " + d.getMessage() + " code " + d.code);
            } catch (AppException e) {
                System.out.println("App " + e.getMessage() + " code " + e.code);
            }
        }
        System.out.println(tryReturn(0));
        System.out.println(tryReturn(1));
        System.out.println(nested(5));
        System.out.println(nested(-1));
        System.out.println(nested(101));
        try {
            throw new IllegalStateException("state");
        } catch (IllegalArgumentException e) {
            System.out.println("wrong");
        } catch (IllegalStateException e) {
            System.out.println(e);
        }
    }
}
