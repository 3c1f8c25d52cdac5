// System.arraycopy (overlapping too), new String(char[]), String.valueOf(char[]),
// String.join, Math.floorMod/floorDiv.
public class SystemLib {
    public static void main(String[] args) {
        int[] a = {1, 2, 3, 4, 5, 6, 7, 8};
        int[] b = new int[5];
        System.arraycopy(a, 2, b, 1, 4);
        StringBuilder sb = new StringBuilder();
        for (int v : b) {
            sb.append(v).append(' ');
        }
        System.out.println(sb);
        System.arraycopy(a, 0, a, 2, 5);
        sb.setLength(0);
        for (int v : a) {
            sb.append(v).append(' ');
        }
        System.out.println(sb);
        String[] words = {"x", "y", "z"};
        String[] copy = new String[3];
        System.arraycopy(words, 0, copy, 0, 3);
        System.out.println(copy[2] + String.join("-", copy));
        try {
            System.arraycopy(a, 6, b, 0, 5);
        } catch (ArrayIndexOutOfBoundsException e) {
            System.out.println("out of bounds");
        }
        char[] cs = {'P', 'h', 'a', 'n'};
        String s = new String(cs);
        System.out.println(s + " " + s.length() + " " + String.valueOf(cs) + " " + new String("copy") + "[" + new String() + "]");
        System.out.println(Math.floorMod(-7, 3) + " " + (-7 % 3) + " " + Math.floorDiv(-7, 2) + " " + (-7 / 2) + " " + Math.floorMod(7, -3));
    }
}
