// StringBuilder: append of every kind, chaining, insert, reverse, delete,
// setCharAt, setLength, toString.
public class Builder {
    public static void main(String[] args) {
        StringBuilder sb = new StringBuilder();
        sb.append("abc").append(12).append('-').append(3000000000L).append(true).append((Object) null);
        System.out.println(sb);
        System.out.println(sb.length() + " " + sb.charAt(3));
        sb.setLength(3);
        sb.reverse();
        System.out.println(sb.toString());
        sb.insert(1, "XY").insert(0, 7);
        System.out.println(sb);
        sb.deleteCharAt(0).delete(1, 3);
        System.out.println(sb);
        sb.setCharAt(0, 'z');
        System.out.println(sb);
        StringBuilder other = new StringBuilder("tail");
        sb.append(other);
        System.out.println(sb + " " + sb.isEmpty() + " " + new StringBuilder().isEmpty());
        StringBuilder table = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            for (int j = 1; j <= 3; j++) {
                table.append(i * j).append(j < 3 ? "\t" : "\n");
            }
        }
        System.out.print(table);
        try {
            sb.charAt(100);
        } catch (IndexOutOfBoundsException e) {
            System.out.println("out of range");
        }
    }
}
