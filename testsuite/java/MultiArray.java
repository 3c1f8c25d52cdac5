// Multi-dimensional arrays: new int[a][b], partially given dimensions,
// jagged rows, matrix multiplication.
public class MultiArray {
    static long[][] multiply(long[][] a, long[][] b) {
        int n = a.length, m = b[0].length, k = b.length;
        long[][] c = new long[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                long s = 0;
                for (int t = 0; t < k; t++) {
                    s += a[i][t] * b[t][j];
                }
                c[i][j] = s;
            }
        }
        return c;
    }

    public static void main(String[] args) {
        int[][] g = new int[3][4];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                g[i][j] = i * 4 + j;
            }
        }
        System.out.println(g.length + " " + g[0].length + " " + g[2][3]);
        String[][][] cube = new String[2][3][];
        System.out.println(cube[1].length + " " + cube[1][2]);
        cube[1][2] = new String[] {"deep"};
        System.out.println(cube[1][2][0]);
        long[][] a = {{1, 2}, {3, 4}};
        long[][] p = a;
        for (int i = 0; i < 10; i++) {
            p = multiply(p, a);
        }
        System.out.println(p[0][0] + " " + p[0][1] + " " + p[1][0] + " " + p[1][1]);
        boolean[][] flags = new boolean[2][2];
        flags[1][0] = true;
        System.out.println(flags[0][0] + " " + flags[1][0]);
        char[][] board = new char[3][3];
        for (char[] row : board) {
            for (int j = 0; j < row.length; j++) {
                row[j] = '.';
            }
        }
        board[1][1] = 'X';
        for (char[] row : board) {
            System.out.println("" + row[0] + row[1] + row[2]);
        }
        try {
            int[][] bad = new int[2][-1];
            System.out.println(bad.length);
        } catch (NegativeArraySizeException e) {
            System.out.println(e);
        }
    }
}
