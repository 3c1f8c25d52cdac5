// PENDING (compiler bug): a class cannot name itself in its own field/argument/return types: `var next : node;` inside class node gives E0201 "unknown class `node`" (also with the absolute name .test.refcmp.node). Locals of the own type work. Expected: compiles.
// covers: reference comparison :== and :!=, comparing with null and this, object == calling equals
package .test.refcmp;

class node
{
    var next : node;

    int isLast()
    {
        return next :== null;
    }

    int hasNext()
    {
        return next :!= null;
    }

    int same(var other : node)
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
