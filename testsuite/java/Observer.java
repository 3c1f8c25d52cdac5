// Callbacks: an event bus with listeners as interfaces, anonymous classes
// and lambdas; removal while dispatching by copying the list.
import java.util.ArrayList;
import java.util.List;

public class Observer {
    interface Listener {
        boolean onEvent(String name, int value);
    }

    static class Bus {
        private final List<Listener> listeners = new ArrayList<>();
        void add(Listener l) {
            listeners.add(l);
        }
        int publish(String name, int value) {
            List<Listener> copy = new ArrayList<>();
            for (Listener l : listeners) {
                copy.add(l);
            }
            int handled = 0;
            for (Listener l : copy) {
                if (l.onEvent(name, value)) {
                    handled++;
                } else {
                    listeners.remove(l);
                }
            }
            return handled;
        }
    }

    static class Summer implements Listener {
        long sum;
        public boolean onEvent(String name, int value) {
            sum += value;
            return true;
        }
    }

    public static void main(String[] args) {
        Bus bus = new Bus();
        Summer s = new Summer();
        bus.add(s);
        List<String> seen = new ArrayList<>();
        bus.add((n, v) -> seen.add(n + "=" + v));
        bus.add(new Listener() {
            int left = 2;
            public boolean onEvent(String name, int value) {
                System.out.println("once-ish " + name + " " + left);
                return --left > 0;
            }
        });
        for (int i = 1; i <= 4; i++) {
            System.out.println("handled " + bus.publish("e" + i, i * 10));
        }
        System.out.println(s.sum + " " + seen);
    }
}
