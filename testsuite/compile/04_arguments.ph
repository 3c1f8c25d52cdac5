// covers: typed and untyped method arguments, several arguments with commas, argument reads, passing arguments on
package .test.args;

class calc
{
    int add3(var a : int, var b : int, var c : int)
    {
        return a + b + c;
    }

    .internal.object pick(var first, var second, var which : int)
    {
        if (which == 0)
            return first;
        return second;
    }

    string label(var s : string, var n : int)
    {
        return s;
    }

    int twice(var x : int)
    {
        return add3(x, x, 0);
    }

    void none()
    {
        pick(this, null, 1);
        label("x", 2);
    }
};
