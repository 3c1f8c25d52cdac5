// System.out.printf and String.format with %d, %s, %c, %x, %n, %%,
// widths, left alignment, zero padding, signs and grouping.
public class Printf {
    public static void main(String[] args) {
        System.out.printf("%d %s %c%n", 42, "str", 122);
        System.out.printf("[%5d] [%-5d] [%05d] [%+d] [%,d]%n", 42, 42, -42, 7, 1234567);
        System.out.printf("[%8s] [%-8s] [%S]%n", "right", "left", "up");
        System.out.printf("%x %X %d%% %n", 255, 48879, 50);
        String row = String.format("%-6s|%6d|%3d", "name", 123456, 7);
        System.out.println(row + " (" + row.length() + ")");
        for (int i = 1; i <= 3; i++) {
            System.out.printf("%2d squared is %3d%n", i, i * i);
        }
        long big = 9876543210L;
        System.out.println(String.format("%,d and %d", big, -big));
        System.out.printf("no args%n");
    }
}
