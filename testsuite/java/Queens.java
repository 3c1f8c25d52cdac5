// N-queens by backtracking: counts of solutions for n = 1..8 and the
// first solution for 8.
public class Queens {
    int n;
    int[] cols;
    int count;
    String first;

    Queens(int n) {
        this.n = n;
        cols = new int[n];
    }

    boolean safe(int row, int c) {
        for (int r = 0; r < row; r++) {
            int d = cols[r] - c;
            if (d == 0 || d == row - r || d == r - row) {
                return false;
            }
        }
        return true;
    }

    void solve(int row) {
        if (row == n) {
            if (count++ == 0) {
                StringBuilder sb = new StringBuilder();
                for (int c : cols) {
                    sb.append(c);
                }
                first = sb.toString();
            }
            return;
        }
        for (int c = 0; c < n; c++) {
            if (safe(row, c)) {
                cols[row] = c;
                solve(row + 1);
            }
        }
    }

    public static void main(String[] args) {
        for (int n = 1; n <= 8; n++) {
            Queens q = new Queens(n);
            q.solve(0);
            System.out.println(n + ": " + q.count + (q.first != null ? " first " + q.first : ""));
        }
    }
}
