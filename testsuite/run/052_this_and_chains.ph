// covers: explicit this, methods returning this for chained calls, passing this as an argument, a field shadowing an argument of the same name, implicit this calls
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var c : counter;
        var r : registry;
        out = boot;
        c = new counter();
        c.add(1).add(2).add(3).twice();
        out.16("chained: " + c.get() + "\n");
        out.16("this.get(): " + c.viaThis() + "\n");
        r = new registry();
        c.registerWith(r);
        out.16("registered same object: " + (r.last() :== c) + "\n");
        out.16("shadow: " + c.shadow(1000) + "\n");
        out.16("new counter().add(5).get(): " + new counter().add(5).get() + "\n");
    }
};

class counter
{
    var n : int;

    void counter()
    {
        n = 0;
    }

    counter add(var k : int)
    {
        n = n + k;
        return this;
    }

    counter twice()
    {
        n = n * 2;
        return this;
    }

    int get()
    {
        return n;
    }

    int viaThis()
    {
        return this.get() + this.n2();
    }

    int n2()
    {
        return 100;
    }

    void registerWith(var r : registry)
    {
        r.remember(this);
    }

    // the field n is found before the argument n
    int shadow(var n : int)
    {
        return n;
    }
};

class registry
{
    var item : .internal.object;

    void remember(var o : .internal.object)
    {
        item = o;
    }

    .internal.object last()
    {
        return item;
    }
};
