// covers: the user class loader: after boot.setClassLoader [17], classes not yet loaded are asked of the loader's method 8, which may delegate to boot.loadClass [8]
package .test;

class main
{
    void run(var boot) [8]
    {
        var l : loader;
        var h : helper;
        l = new loader();
        l.init(boot);
        boot.17(l);
        h = new helper();
        boot.16(h.hello() + "\n");
        h = new helper();
        boot.16("asked " + l.count() + " time(s)\n");
    }
};

class loader
{
    var boot;
    var n : int;

    void init(var b) { boot = b; n = 0; }

    int count() { return n; }

    .internal.object lookup(var name : string) [8]
    {
        n = n + 1;
        boot.16("loading " + name + "\n");
        return boot.8(name);
    }
};

class helper
{
    string hello() { return "hello from helper"; }
};
