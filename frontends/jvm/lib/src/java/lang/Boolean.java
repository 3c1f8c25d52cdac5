/*
 * The runtime library's Boolean (autoboxing of boolean), compiled by javac
 * and then by the JVM front end.
 */
package java.lang;

public final class Boolean implements Comparable<Boolean> {
    public static final Boolean TRUE = new Boolean(true);
    public static final Boolean FALSE = new Boolean(false);

    private final boolean value;

    private Boolean(boolean value) {
        this.value = value;
    }

    public static Boolean valueOf(boolean b) {
        return b ? TRUE : FALSE;
    }

    public static boolean parseBoolean(String s) {
        return s != null && $Util.String_equalsIgnoreCase(s, "true");
    }

    public static String toString(boolean b) {
        return b ? "true" : "false";
    }

    public boolean booleanValue() {
        return value;
    }

    public String toString() {
        return value ? "true" : "false";
    }

    public int hashCode() {
        return value ? 1231 : 1237;
    }

    public boolean equals(Object o) {
        return o instanceof Boolean && ((Boolean) o).value == value;
    }

    public int compareTo(Boolean o) {
        return value == o.value ? 0 : value ? 1 : -1;
    }
}
