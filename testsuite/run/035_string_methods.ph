// covers: .internal.string methods length, charAt, substring (index, length; length clamped at the end), strstr, concat, toInt, toLong, toString, equals by name
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var s : string;
        var t : string;
        var l : long;
        out = boot;
        s = "hello world";
        out.16("length=" + s.length() + " empty length=" + "".length() + "\n");
        out.16("charAt(0)=" + s.charAt(0) + " charAt(4)=" + s.charAt(4) + " charAt(10)=" + s.charAt(10) + "\n");
        out.16("substring(0, 5)=[" + s.substring(0, 5) + "]\n");
        out.16("substring(6, 5)=[" + s.substring(6, 5) + "]\n");
        out.16("substring(6, 100)=[" + s.substring(6, 100) + "]\n");
        out.16("substring(4, 3)=[" + s.substring(4, 3) + "]\n");
        out.16("substring(3, 0)=[" + s.substring(3, 0) + "]\n");
        out.16("strstr(world)=" + s.strstr("world") + " strstr(o)=" + s.strstr("o") + " strstr(xyz)=" + s.strstr("xyz") + " strstr(hello)=" + s.strstr("hello") + "\n");
        t = s.concat("!");
        out.16("concat=" + t + " length=" + t.length() + " original=" + s + "\n");
        out.16("toInt=" + "123".toInt() + " plus one=" + ("123".toInt() + 1) + " toInt(007)=" + "007".toInt() + "\n");
        l = "123456789012".toLong();
        l = l + 1;
        out.16("toLong+1=" + l + "\n");
        out.16("toString=" + s.toString() + " same object=" + (s.toString() :== s) + "\n");
        out.16("equals=" + s.equals("hello world") + " " + s.equals("hello") + "\n");
        out.16("hashCode equal for equal strings=" + ("abc".hashCode() == "ab".concat("c").hashCode()) + "\n");
    }
};
