// covers: constructs the original class library (plib/sys, plib/roots) relies on:
// `import` before `package`; a class declared with a dotted relative name (`class
// util.box` in package .test defines .test.util.box); a dotted relative name used as a
// type; a three-level constructor chain whose middle class declares no constructor;
// `new *(cls) : T ()`; `catch (string e)`; 0xFFFFFFFF as -1; the kernel environment's
// defaults (root.shell, root.init)
import .phantom.util.hashmap;

package .test;

class main
{
    var out;

    void p(var s : string) { out.16(s); }

    void run(var boot) [8]
    {
        var b : util.box;
        var l : leaf;
        var m : hashmap;
        var made : util.box;
        var env : .internal.string[];
        var i : int;
        out = boot;

        b = new util.box();
        b.set(5);
        p("dotted class: " + b.get() + "\n");

        l = new leaf();
        p("constructor chain: " + l.count() + "\n");

        m = new hashmap();
        m.put("k", "v");
        p("import before package: " + m.get("k") + "\n");

        made = new *(b.getClass()) : util.box ();
        made.set(7);
        p("new *(class): " + made.get() + "\n");

        try { throw "thrown string"; }
        catch (string e) { p("caught " + e + "\n"); }

        i = 0xFFFFFFFF;
        p("0xFFFFFFFF = " + i + "\n");

        env = boot.23();
        p(env[0] + "\n" + env[1] + "\n");
    }
};

class util.box
{
    var v : int;
    void set(var x : int) { v = x; }
    int get() { return v; }
};

class root
{
    var inits : int;
    void root() { inits = 1; }
    int count() { return inits; }
};

class middle extends root { };

class leaf extends middle
{
    void leaf() { inits = inits + 10; }
};
