// String methods and concatenation of every primitive kind.
public class Strings1 {
    public static void main(String[] args) {
        String s = "Hello, Phantom";
        System.out.println(s.length());
        System.out.println(s.charAt(7));
        System.out.println(s.substring(7));
        System.out.println(s.substring(0, 5));
        System.out.println(s.substring(3, 3).isEmpty());
        System.out.println(s.equals("Hello, Phantom"));
        System.out.println(s.equals("hello"));
        System.out.println(s.concat("!"));
        System.out.println(s.hashCode());
        System.out.println("".hashCode());
        String n = null;
        System.out.println("null: " + n);
        char c = 'x';
        long big = -9000000000L;
        boolean t = false;
        byte by = -5;
        short sh = 300;
        System.out.println("c=" + c + " big=" + big + " t=" + t + " by=" + by + " sh=" + sh);
        System.out.println(1 + 2 + "3" + 4 + 5);
        String acc = "";
        for (int i = 0; i < 5; i++) {
            acc += i;
        }
        System.out.println(acc);
        System.out.println(String.valueOf(42) + String.valueOf(true) + String.valueOf('q'));
        System.out.println(Integer.toString(-17) + Long.toString(1L << 40));
        try {
            System.out.println(s.substring(5, 2));
        } catch (StringIndexOutOfBoundsException e) {
            System.out.println(e.getMessage());
        }
    }
}
