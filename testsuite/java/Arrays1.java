// int, long, boolean, char, byte, short and reference arrays; defaults,
// lengths, copies, 2-D arrays of arrays.
public class Arrays1 {
    public static void main(String[] args) {
        int[] a = new int[6];
        long[] l = new long[3];
        boolean[] z = new boolean[2];
        char[] c = new char[3];
        byte[] b = new byte[2];
        short[] s = new short[2];
        String[] strs = new String[3];
        System.out.println(a[0] + " " + l[2] + " " + z[1] + " " + (int) c[0] + " " + b[1] + " " + s[0] + " " + strs[2]);
        for (int i = 0; i < a.length; i++) {
            a[i] = i * i - 3;
        }
        l[1] = Long.MAX_VALUE;
        z[0] = true;
        c[0] = 'h';
        c[1] = 'i';
        c[2] = (char) ('a' + 2);
        b[0] = (byte) 300;
        b[1] = -1;
        s[1] = (short) 40000;
        strs[1] = "x";
        int sum = 0;
        for (int v : a) {
            sum += v;
        }
        System.out.println(sum + " " + l[1] + " " + z[0] + " " + c[0] + c[1] + c[2] + " " + b[0] + " " + b[1] + " " + s[1] + " " + strs[1]);
        int[][] grid = new int[3][];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = new int[i + 1];
            for (int j = 0; j <= i; j++) {
                grid[i][j] = i + j;
            }
        }
        for (int[] row : grid) {
            String line = "";
            for (int v : row) {
                line += v + ",";
            }
            System.out.println(line);
        }
        int[] copy = a.clone();
        copy[0] = 99;
        System.out.println(a[0] + " " + copy[0] + " " + copy.length);
        System.out.println(a.length + l.length + strs.length);
    }
}
