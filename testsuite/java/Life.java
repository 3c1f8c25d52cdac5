// Conway's Game of Life on a torus with 2-D boolean arrays.
public class Life {
    static boolean[][] step(boolean[][] g) {
        int h = g.length, w = g[0].length;
        boolean[][] n = new boolean[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        if ((dx != 0 || dy != 0) && g[(y + dy + h) % h][(x + dx + w) % w]) {
                            c++;
                        }
                    }
                }
                n[y][x] = g[y][x] ? c == 2 || c == 3 : c == 3;
            }
        }
        return n;
    }

    static void show(boolean[][] g) {
        for (boolean[] row : g) {
            StringBuilder sb = new StringBuilder();
            for (boolean c : row) {
                sb.append(c ? '#' : '.');
            }
            System.out.println(sb);
        }
    }

    public static void main(String[] args) {
        boolean[][] g = new boolean[8][10];
        int[][] glider = {{0, 1}, {1, 2}, {2, 0}, {2, 1}, {2, 2}};
        for (int[] p : glider) {
            g[p[0]][p[1]] = true;
        }
        g[5][6] = g[5][7] = g[5][8] = true;
        for (int i = 0; i < 4; i++) {
            g = step(g);
        }
        show(g);
        int alive = 0;
        for (int i = 0; i < 30; i++) {
            g = step(g);
        }
        for (boolean[] row : g) {
            for (boolean c : row) {
                alive += c ? 1 : 0;
            }
        }
        System.out.println("alive " + alive);
    }
}
