// covers: arrays of user classes (constructor call of the container), string arrays, object arrays, arrays as fields
package .test.objarr;

class item
{
    var value : int;

    void item(var v : int)
    {
        value = v;
    }

    int get()
    {
        return value;
    }
};

class store
{
    var items : item[];
    var names : string[];

    void store()
    {
        items = new item[]();
        names = new string[]();
    }

    void add(var pos : int, var v : int, var n : string)
    {
        items[pos] = new item(v);
        names[pos] = n;
    }

    int valueAt(var pos : int)
    {
        var it : item;
        it = items[pos];
        return it.get();
    }

    .internal.object[] any()
    {
        var objs : .internal.object[];
        objs = new .internal.object[]();
        objs[0] = this;
        objs[1] = names;
        return objs;
    }
};
