// tableswitch, lookupswitch, fall-through and default.
public class Switches {
    static String dense(int d) {
        switch (d) {
            case 0: return "zero";
            case 1: return "one";
            case 2: return "two";
            case 3: return "three";
            default: return "many";
        }
    }

    static int sparse(int x) {
        switch (x) {
            case -1000: return 1;
            case 7: return 2;
            case 1000000: return 3;
            default: return 0;
        }
    }

    public static void main(String[] args) {
        for (int i = -1; i < 6; i++) {
            System.out.println(i + " " + dense(i));
        }
        System.out.println(sparse(-1000) + sparse(7) * 10 + sparse(1000000) * 100 + sparse(8) * 1000);
        int total = 0;
        for (int i = 0; i < 6; i++) {
            switch (i) {
                case 1:
                    total += 1;
                case 2:
                    total += 10;
                    break;
                case 4:
                    total += 100;
                default:
                    total += 1000;
            }
        }
        System.out.println(total);
        int y = Integer.MIN_VALUE;
        switch (y) {
            case Integer.MAX_VALUE: System.out.println("max"); break;
            case Integer.MIN_VALUE: System.out.println("min"); break;
            default: System.out.println("other");
        }
    }
}
