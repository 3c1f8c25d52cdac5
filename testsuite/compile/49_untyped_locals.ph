// covers: untyped locals `var x;` holding objects, assigning any object to them, calling by ordinal on them, passing them on
package .test.untyped;

class loose
{
    .internal.object keep(var o)
    {
        var x;
        var y;
        x = o;
        y = x;
        return y;
    }

    void poke(var boot)
    {
        var b;
        b = boot;
        b.16("poke\n");
    }

    void main(var boot) [8]
    {
        var s;
        s = "untyped";
        keep(s);
        poke(boot);
    }
};
