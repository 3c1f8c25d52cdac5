// covers: reference comparison :== and :!=, comparing with null and this, object == calling equals
package .test.refcmp;

class node
{
    var next : .internal.object;

    int isLast()
    {
        return next :== null;
    }

    int hasNext()
    {
        return next :!= null;
    }

    int same(var other : .internal.object)
    {
        if (other :== this)
            return 1;
        return 0;
    }

    int equalText(var a : string, var b : string)
    {
        return a == b;
    }

    int differentText(var a : string, var b : string)
    {
        return a != b;
    }
};
