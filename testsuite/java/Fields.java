// Instance and static fields: defaults, access on this and on other objects.
public class Fields {
    int count;
    long total;
    String name;
    Fields next;
    static int instances;
    static long sum;
    static String label;

    Fields(String name) {
        this.name = name;
        instances++;
    }

    void add(int v) {
        count++;
        total += v;
        sum += v;
    }

    public static void main(String[] args) {
        System.out.println(instances + " " + sum + " " + label);
        Fields a = new Fields("a");
        Fields b = new Fields("b");
        System.out.println(a.count + " " + a.total + " " + a.next);
        a.add(5);
        a.add(7);
        b.add(100);
        a.next = b;
        a.next.count += 40;
        System.out.println(a.name + " " + a.count + " " + a.total);
        System.out.println(b.name + " " + b.count + " " + b.total);
        System.out.println(a.next.name);
        System.out.println(instances + " " + sum);
        label = "set";
        System.out.println(label);
        b.name = null;
        System.out.println(b.name);
    }
}
