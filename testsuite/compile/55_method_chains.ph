// covers: chained calls a.b().c(), calls on results of `new`, calls on string literals, calls on array elements
package .test.chains;

class part
{
    string text()
    {
        return "part";
    }
};

class maker
{
    part make()
    {
        return new part();
    }
};

class user
{
    int demo(var m : maker)
    {
        return m.make().text().length() + "xyz".length();
    }

    int fromNew()
    {
        return new maker().make().text().concat("!").length();
    }

    int fromArray(var parts : string[])
    {
        return parts[0].length() + parts[1].substring(0, 1).length();
    }
};
