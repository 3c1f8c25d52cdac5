/*
 * The runtime library's StringBuilder, compiled by javac and then by the
 * JVM front end (see docs/jvm.md). The text is kept as one string.
 */
package java.lang;

public final class StringBuilder implements CharSequence {
    private String s;

    public StringBuilder() {
        s = "";
    }

    public StringBuilder(int capacity) {
        if (capacity < 0) {
            throw new NegativeArraySizeException("" + capacity);
        }
        s = "";
    }

    public StringBuilder(String str) {
        s = str.concat("");
    }

    public StringBuilder(CharSequence seq) {
        s = seq.toString();
    }

    public StringBuilder append(String x) {
        s = s + x;
        return this;
    }

    public StringBuilder append(Object x) {
        s = s + x;
        return this;
    }

    public StringBuilder append(CharSequence x) {
        s = s + x;
        return this;
    }

    public StringBuilder append(StringBuffer x) {
        s = s + x;
        return this;
    }

    public StringBuilder append(int x) {
        s = s + x;
        return this;
    }

    public StringBuilder append(long x) {
        s = s + x;
        return this;
    }

    public StringBuilder append(char x) {
        s = s + x;
        return this;
    }

    public StringBuilder append(boolean x) {
        s = s + x;
        return this;
    }

    public int length() {
        return s.length();
    }

    public char charAt(int index) {
        if (index < 0 || index >= s.length()) {
            throw new StringIndexOutOfBoundsException("index " + index + ",length " + s.length());
        }
        return s.charAt(index);
    }

    public CharSequence subSequence(int start, int end) {
        return s.substring(start, end);
    }

    public String substring(int start) {
        return s.substring(start);
    }

    public String substring(int start, int end) {
        return s.substring(start, end);
    }

    public StringBuilder reverse() {
        String r = "";
        for (int i = s.length() - 1; i >= 0; i--) {
            r = r + s.charAt(i);
        }
        s = r;
        return this;
    }

    public StringBuilder insert(int offset, String x) {
        if (offset < 0 || offset > s.length()) {
            throw new StringIndexOutOfBoundsException("offset " + offset + ", length " + s.length());
        }
        s = s.substring(0, offset) + x + s.substring(offset);
        return this;
    }

    public StringBuilder insert(int offset, int x) {
        return insert(offset, "" + x);
    }

    public StringBuilder insert(int offset, char x) {
        return insert(offset, "" + x);
    }

    public StringBuilder deleteCharAt(int index) {
        if (index < 0 || index >= s.length()) {
            throw new StringIndexOutOfBoundsException("index " + index + ",length " + s.length());
        }
        s = s.substring(0, index) + s.substring(index + 1);
        return this;
    }

    public StringBuilder delete(int start, int end) {
        int len = s.length();
        if (end > len) {
            end = len;
        }
        if (start < 0 || start > end) {
            throw new StringIndexOutOfBoundsException("start " + start + ", end " + end + ", length " + len);
        }
        s = s.substring(0, start) + s.substring(end);
        return this;
    }

    public void setCharAt(int index, char ch) {
        if (index < 0 || index >= s.length()) {
            throw new StringIndexOutOfBoundsException("index " + index + ",length " + s.length());
        }
        s = s.substring(0, index) + ch + s.substring(index + 1);
    }

    public void setLength(int newLength) {
        if (newLength < 0) {
            throw new StringIndexOutOfBoundsException("String index out of range: " + newLength);
        }
        if (newLength <= s.length()) {
            s = s.substring(0, newLength);
        } else {
            while (s.length() < newLength) {
                s = s + '\0';
            }
        }
    }

    public boolean isEmpty() {
        return s.length() == 0;
    }

    public String toString() {
        return s;
    }
}
