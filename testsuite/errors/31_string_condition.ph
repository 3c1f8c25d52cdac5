// error: E0408 a string used as an if and a while condition
package .test.err;

class strcond
{
    int f(var s : string)
    {
        if (s)
            return 1;
        while ("forever")
            return 2;
        return 0;
    }
};
