// ArrayDeque as stack and queue, LinkedList, TreeMap in key order with
// floor/ceiling, and java.util.Random with a seed (the JDK's generator).
import java.util.ArrayDeque;
import java.util.LinkedList;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

public class Collections2 {
    public static void main(String[] args) {
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        for (int i = 0; i < 20; i++) {
            stack.push(i);
        }
        System.out.println(stack.pop() + " " + stack.peek() + " " + stack.size());
        ArrayDeque<String> queue = new ArrayDeque<>();
        queue.offer("a");
        queue.offer("b");
        queue.addFirst("z");
        System.out.println(queue + " " + queue.poll() + " " + queue.pollLast() + " " + queue);
        LinkedList<String> ll = new LinkedList<>();
        ll.add("m");
        ll.addFirst("f");
        ll.addLast("l");
        ll.add("x");
        System.out.println(ll + " " + ll.get(2) + " " + ll.removeFirst() + " " + ll.removeLast() + " " + ll + " " + ll.contains("m"));
        TreeMap<String, Integer> tm = new TreeMap<>();
        for (String w : new String[] {"pear", "apple", "fig", "kiwi", "banana", "apple"}) {
            tm.put(w, tm.getOrDefault(w, 0) + 1);
        }
        System.out.println(tm + " " + tm.firstKey() + " " + tm.lastKey());
        System.out.println(tm.floorKey("c") + " " + tm.ceilingKey("c") + " " + tm.higherKey("kiwi") + " " + tm.lowerKey("apple"));
        for (Map.Entry<String, Integer> e : tm.entrySet()) {
            System.out.print(e.getKey() + e.getValue() + " ");
        }
        System.out.println(tm.keySet());
        TreeMap<Integer, String> desc = new TreeMap<>((a, b) -> b - a);
        for (int i = 1; i <= 5; i++) {
            desc.put(i * 3 % 7, "v" + i);
        }
        System.out.println(desc);
        Random r = new Random(42);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            sb.append(r.nextInt(100)).append(' ');
        }
        System.out.println(sb + "" + r.nextInt() + " " + r.nextLong() + " " + r.nextBoolean() + " " + r.nextInt(1 << 20));
        Random r2 = new Random(-7L);
        long sum = 0;
        for (int i = 0; i < 1000; i++) {
            sum += r2.nextInt(1000);
        }
        System.out.println(sum);
    }
}
