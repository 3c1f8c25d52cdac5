// covers: explicit `extends .internal.object`, overriding toString [5] with an explicit ordinal, calling getClass/toString by name
package .test.objparent;

class plain extends .internal.object
{
    string toString() [5]
    {
        return "plain";
    }

    int hashCode()
    {
        return 42;
    }

    string show()
    {
        var c : .internal.object;
        c = getClass();
        return toString() + "#" + hashCode();
    }
};
