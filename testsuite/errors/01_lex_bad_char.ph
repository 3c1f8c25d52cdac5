// error: E0001 invalid character `#` in an expression
package .test.err;

class lexchar
{
    int f()
    {
        return 1 # 2;
    }
};
