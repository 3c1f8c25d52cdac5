// covers: calls by a name computed at run time, obj.(name)(args) (dynamic_invoke): a literal and a variable name, with and without arguments, the result used as a value
package .test.dyncall;

class greeter
{
    int twice(var x : int)
    {
        return x + x;
    }

    string hello()
    {
        return "hello";
    }

    int run(var which : string)
    {
        var g : greeter;
        var r : int;
        g = new greeter();
        r = (int) g.("twice")(21);
        g.(which)();
        this.(which.concat("!"))(r, "two");
        return r;
    }
};
