// covers: a class naming itself in field, argument and return types (linked node), :== / :!= on such fields, == on strings
package .test.selfref;

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
