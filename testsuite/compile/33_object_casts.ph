// covers: casts of objects down an inheritance chain, casting untyped values to a class, implicit casts on assignment
package .test.ocast;

class base
{
    int kind()
    {
        return 1;
    }
};

class derived extends base
{
    int kind()
    {
        return 2;
    }

    int extra()
    {
        return 3;
    }
};

class caster
{
    int down(var b : base)
    {
        var d : derived;
        d = (derived) b;
        return d.extra();
    }

    int fromUnknown(var anything)
    {
        var b : base;
        b = (.test.ocast.base) anything;
        return b.kind();
    }

    base up(var d : derived)
    {
        var b : base;
        b = d;
        return b;
    }

    string text(var o : .internal.object)
    {
        return (string) o;
    }
};
