/*
 * The runtime library's Character objects (autoboxing of char), compiled
 * by javac and then by the JVM front end. Character's static tests are in
 * $Util.
 */
package java.lang;

public final class Character implements Comparable<Character> {
    private final char value;

    private Character(char value) {
        this.value = value;
    }

    public static Character valueOf(char c) {
        return new Character(c);
    }

    public char charValue() {
        return value;
    }

    public static String toString(char c) {
        return "" + c;
    }

    public String toString() {
        return "" + value;
    }

    public int hashCode() {
        return value;
    }

    public boolean equals(Object o) {
        return o instanceof Character && ((Character) o).value == value;
    }

    public int compareTo(Character o) {
        return value - o.value;
    }
}
