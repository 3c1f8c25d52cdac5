// error: E0100 missing `)` in an if condition
package .test.err;

class paren
{
    int f(var a : int)
    {
        if (a > 1
            return 1;
        return 0;
    }
};
