// covers: an untyped argument chooses the overload whose parameter is untyped or
// `.internal.object` over one of a specific class, wherever they are declared (taking the
// first one made `new .phantom.io.console(boot)` cast the boot object to a tty)
package .test;

class main
{
    var out;

    string f(var s : string) { return "string"; }
    string f(var o : .internal.object) { return "object"; }

    string g(var p : main) { return "main"; }
    string g(var u) { return "untyped"; }

    string h(var s : string) { return "only string"; }

    void run(var boot) [8]
    {
        var u;
        out = boot;
        u = "text";
        out.16("f(untyped) -> " + f(u) + "\n");
        out.16("f(\"s\") -> " + f("s") + "\n");
        out.16("g(untyped) -> " + g(u) + "\n");
        out.16("g(this) -> " + g(this) + "\n");
        out.16("h(untyped) -> " + h(u) + "\n");
    }
};
