// covers: a method returning its own class (builder pattern), chained calls on the results, calls on `new` and string literals
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
