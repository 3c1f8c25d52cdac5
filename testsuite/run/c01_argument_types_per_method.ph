// covers: each method's arguments have the types of its own declaration, even when an
// earlier method of the class uses the same argument names with other types (issue 10:
// `n + 1` in show() once compiled to string concatenation because say() came first)
package .test;

class main
{
    var out;

    void p(var s : string) { out.16(s); }

    void say(var n : string, var k : string)
    {
        p("say " + n + k + "\n");
    }

    void show(var n : int, var k : int)
    {
        var sum : int;
        sum = n + k + 1;
        p("show " + sum + "\n");
    }

    .internal.long twice(var n : .internal.long)
    {
        var d : .internal.long;
        d = n * 2 * 1000000000;
        return d;
    }

    string tag(var n : .internal.object, var k : string)
    {
        return k + n;
    }

    void run(var boot) [8]
    {
        out = boot;
        say("a", "b");
        show(2, 3);
        p("twice " + twice(3) + "\n");
        p("tag " + tag("x", "y") + "\n");
    }
};
