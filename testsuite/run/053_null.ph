// covers: null in fields, locals, arguments and return values; a never-assigned field is null; :== / :!= null tests; lazy initialisation; a null-terminated chain
package .test;

class main
{
    var out;
    var never;
    var typedNever : string;
    var cache : .internal.object;

    .internal.object orNull(var flag : int)
    {
        if (flag)
            return "value";
        return null;
    }

    int isNull(var o)
    {
        return o :== null;
    }

    .internal.object lazy()
    {
        if (cache :== null)
        {
            out.16("(creating) ");
            cache = "cached";
        }
        return cache;
    }

    void run(var boot) [8]
    {
        var local : .internal.object;
        var s : string;
        out = boot;
        out.16("never assigned field is null: " + (never :== null) + " " + (typedNever :== null) + "\n");
        local = null;
        out.16("local null: " + (local :== null) + ", not null: " + (local :!= null) + "\n");
        out.16("orNull(1) null: " + isNull(orNull(1)) + ", orNull(0) null: " + isNull(orNull(0)) + "\n");
        out.16("isNull(null)=" + isNull(null) + " isNull(this)=" + isNull(this) + "\n");
        out.16(lazy() + "\n");
        out.16(lazy() + "\n");
        s = "x";
        s = null;
        out.16("string set to null: " + (s :== null) + "\n");
        never = 5;
        out.16("after assignment: " + (never :!= null) + "\n");
        never = null;
        out.16("reset: " + (never :== null) + "\n");
    }
};
