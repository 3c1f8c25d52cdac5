// ArrayList with autoboxing: add, get, set, remove by index and by value,
// contains, indexOf, iteration through List and Iterator, toString.
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

public class Lists {
    static int sum(List<Integer> xs) {
        int s = 0;
        for (int x : xs) {
            s += x;
        }
        return s;
    }

    public static void main(String[] args) {
        List<Integer> xs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            xs.add(i * i);
        }
        System.out.println(xs.size() + " " + sum(xs));
        System.out.println(xs.get(7) + " " + xs.contains(49) + " " + xs.indexOf(50));
        xs.set(0, -1);
        xs.remove(Integer.valueOf(4));
        xs.remove(1);
        xs.add(0, 1000);
        System.out.println(xs);
        ArrayList<String> words = new ArrayList<>();
        words.add("b");
        words.add("a");
        words.add(null);
        Iterator<String> it = words.iterator();
        while (it.hasNext()) {
            System.out.print(it.next() + ";");
        }
        System.out.println();
        System.out.println(words + " " + words.isEmpty());
        words.clear();
        System.out.println(words.size() + " " + words);
        try {
            xs.get(100);
        } catch (IndexOutOfBoundsException e) {
            System.out.println(e.getMessage());
        }
    }
}
