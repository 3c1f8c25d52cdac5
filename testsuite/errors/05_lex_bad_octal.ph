// error: E0005 `09` is not an octal literal
package .test.err;

class lexoctal
{
    int f()
    {
        return 09;
    }
};
