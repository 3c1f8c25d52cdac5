// PENDING (compiler bug): same as self_referencing_class.ph: `builder add(...)` inside class builder gives E0201 unknown class `builder`, then cascades into E0409 (reported twice for the same call chain). Expected: compiles.
// covers: chained calls a.b().c(), calls on results of `new`, calls on string literals, subscripts of call results
package .test.chains;

class builder
{
    var parts : string;

    void builder()
    {
        parts = "";
    }

    builder add(var p : string)
    {
        parts = parts.concat(p);
        return this;
    }

    string build()
    {
        return parts;
    }

    int demo()
    {
        var b : builder;
        b = new builder();
        return b.add("a").add("b").add("c").build().length() + "xyz".length();
    }

    int fromNew()
    {
        return new builder().add("q").build().length();
    }
};
