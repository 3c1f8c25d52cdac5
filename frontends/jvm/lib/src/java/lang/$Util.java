/*
 * Helpers of the JVM front end's lowering, in Java: class names as Java
 * prints them and ClassCastException's message. The VM's class objects
 * print their Phantom name (".a.b.C"); its own classes stand for
 * Integer, Long, String, Object and arrays.
 */
package java.lang;

final class $Util {
    private $Util() {
    }

    static String className(Object cls) {
        String s = cls.toString();
        if (s.equals(".internal.int")) {
            return "java.lang.Integer";
        }
        if (s.equals(".internal.long")) {
            return "java.lang.Long";
        }
        if (s.equals(".internal.string")) {
            return "java.lang.String";
        }
        if (s.equals(".internal.object") || s.equals(".internal.void")) {
            return "java.lang.Object";
        }
        if (s.equals(".internal.container.array")) {
            // The VM's arrays do not record their element type.
            return "[Ljava.lang.Object;";
        }
        return s.substring(1);
    }

    static String simpleName(Object cls) {
        String n = className(cls);
        int cut = 0;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c == '.' || c == '$') {
                cut = i + 1;
            }
        }
        String s = n.substring(cut);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return s;
            }
        }
        return "";
    }

    private static String module(String name) {
        if (name.length() > 5 && name.substring(0, 5).equals("java.")) {
            return "module java.base of loader 'bootstrap'";
        }
        return "unnamed module of loader 'app'";
    }

    static ClassCastException castFailed(Object o, String target) {
        String from = className(o.getClass());
        String mf = module(from);
        String mt = module(target);
        String where = mf.equals(mt)
                ? from + " and " + target + " are in " + mf
                : from + " is in " + mf + "; " + target + " is in " + mt;
        return new ClassCastException("class " + from + " cannot be cast to class " + target + " (" + where + ")");
    }
}
