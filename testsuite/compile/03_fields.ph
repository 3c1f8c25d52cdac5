// covers: typed fields, untyped fields, C-style fields, field reads and writes (boxing of int fields), field ordinals in source order
package .test.fields;

class holder
{
    var count : int;
    var anything;
    string label;
    .internal.object other;
    var total : .internal.int;

    void holder()
    {
        count = 0;
        total = 10;
        label = "none";
        anything = null;
        other = this;
    }

    void bump(var by : int)
    {
        count = count + by;
        total = total - by;
    }

    int getCount()
    {
        return count;
    }

    string getLabel()
    {
        return label;
    }

    void setAnything(var v)
    {
        anything = v;
    }
};
