// synchronized methods and blocks in a one-threaded program.
public class Synchronized {
    private int count;
    private final Object lock = new Object();

    synchronized void inc() {
        count++;
    }

    int addTwice(int v) {
        synchronized (lock) {
            count += v;
        }
        synchronized (this) {
            count += v;
            if (count > 1000) {
                return -1;
            }
        }
        return count;
    }

    public static void main(String[] args) {
        Synchronized s = new Synchronized();
        for (int i = 0; i < 10; i++) {
            s.inc();
        }
        System.out.println(s.count);
        System.out.println(s.addTwice(5));
        System.out.println(s.addTwice(600));
        try {
            synchronized (s) {
                throw new IllegalStateException("inside");
            }
        } catch (IllegalStateException e) {
            System.out.println(e.getMessage());
        }
    }
}
