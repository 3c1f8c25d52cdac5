// toString, equals and hashCode overridden and called directly, through
// Object, through string concatenation and println(Object).
public class ObjectMethods {
    static class Money {
        final long cents;
        final String currency;

        Money(long cents, String currency) {
            this.cents = cents;
            this.currency = currency;
        }

        @Override
        public String toString() {
            long abs = cents < 0 ? -cents : cents;
            String frac = abs % 100 < 10 ? "0" + abs % 100 : "" + abs % 100;
            return (cents < 0 ? "-" : "") + abs / 100 + "." + frac + " " + currency;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Money)) {
                return false;
            }
            Money m = (Money) o;
            return cents == m.cents && currency.equals(m.currency);
        }

        @Override
        public int hashCode() {
            return (int) (cents ^ (cents >>> 32)) * 31 + currency.hashCode();
        }
    }

    public static void main(String[] args) {
        Money a = new Money(12345, "EUR");
        Money b = new Money(12345, "EUR");
        Money c = new Money(-705, "USD");
        System.out.println(a);
        System.out.println(c);
        Object o = a;
        System.out.println(o.toString() + " | " + o.equals(b) + " " + o.equals(c) + " " + o.equals("x"));
        System.out.println(a.hashCode() == b.hashCode());
        System.out.println(a.hashCode() + " " + c.hashCode());
        System.out.println(a == b);
        Object s = "text";
        System.out.println(s.hashCode() + " " + s.equals("text") + " " + s);
    }
}
