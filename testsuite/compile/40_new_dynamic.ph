// covers: `new *(expr)` and `new *(expr) : T ()` creating an instance of a class object computed at run time
package .test.dynnew;

class widget
{
    int id()
    {
        return 7;
    }
};

class factory
{
    .internal.object makeLike(var o : .internal.object)
    {
        return new *(o.getClass()) ();
    }

    widget makeWidget(var w : widget)
    {
        var cls : .internal.object;
        cls = w.getClass();
        return new *(cls) : widget ();
    }

    int idOfCopy(var w : widget)
    {
        var c : widget;
        c = makeWidget(w);
        return c.id();
    }
};
