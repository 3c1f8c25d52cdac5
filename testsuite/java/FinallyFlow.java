// finally with break, continue and return inside loops; exceptions through
// several frames; a finally that overrides the result.
public class FinallyFlow {
    static int log;

    static int overrides() {
        try {
            return 1;
        } finally {
            log += 100;
        }
    }

    @SuppressWarnings("finally")
    static int replaced() {
        try {
            throw new RuntimeException("lost");
        } finally {
            return 42;
        }
    }

    static void level3(int v) {
        if (v > 2) {
            throw new IllegalArgumentException("level3 " + v);
        }
    }

    static void level2(int v) {
        try {
            level3(v);
        } finally {
            log++;
        }
    }

    static String level1(int v) {
        try {
            level2(v);
            return "fine";
        } catch (IllegalArgumentException e) {
            return "caught " + e.getMessage();
        }
    }

    public static void main(String[] args) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            try {
                if (i == 3) {
                    continue;
                }
                if (i == 7) {
                    break;
                }
                sum += i;
            } finally {
                sum += 1000;
            }
        }
        System.out.println(sum);
        System.out.println(overrides() + " " + log);
        System.out.println(replaced());
        System.out.println(level1(1) + " / " + level1(5) + " / " + log);
        String s = "start";
        try {
            try {
                s += " inner";
                throw new IllegalStateException("x");
            } finally {
                s += " finally1";
            }
        } catch (IllegalStateException e) {
            s += " catch";
        } finally {
            s += " finally2";
        }
        System.out.println(s);
    }
}
