// covers: try/catch around a loop, throw of objects of a user class, catch by class type, rethrow, throw as the last statement
package .test.rethrow;

class problem
{
    var code : int;

    void problem(var c : int)
    {
        code = c;
    }

    int getCode()
    {
        return code;
    }
};

class worker
{
    void fail(var c : int)
    {
        throw new problem(c);
    }

    int attempt(var times : int)
    {
        var i : int;
        i = 0;
        try
        {
            while (i < times)
            {
                i = i + 1;
                if (i == 3) fail(i);
            }
        }
        catch (problem p)
        {
            return p.getCode();
        }
        return 0;
    }

    void relay(var c : int)
    {
        try fail(c); catch (problem p) throw p;
    }
};
