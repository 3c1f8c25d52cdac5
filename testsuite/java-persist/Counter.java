// Counts forever, a line every 50 ms, in static and instance state. Run in
// a persistent image, killed with kill -9 and run again, it goes on from
// where the last snapshot caught it (os/phantom/tests/java_persist.rs).
public class Counter {
    static int count;
    long total;

    void step() {
        count++;
        total += count;
    }

    public static void main(String[] args) throws InterruptedException {
        Counter c = new Counter();
        while (true) {
            c.step();
            System.out.println("count " + count + " total " + c.total);
            Thread.sleep(50);
        }
    }
}
