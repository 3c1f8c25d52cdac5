// covers: null as a value: assigned to fields and locals, passed as an argument, returned, compared with :== / :!=
package .test.nulls;

class maybe
{
    var content : string;

    void clear()
    {
        content = null;
    }

    string orDefault(var d : string)
    {
        if (content :== null)
            return d;
        return content;
    }

    .internal.object none()
    {
        return null;
    }

    int test()
    {
        var o : .internal.object;
        o = null;
        clear();
        orDefault("none");
        return o :!= none();
    }
};
