// error: E0101 the file ends inside a class body
package .test.err;

class truncated
{
    int f()
    {
        return 1;
    }
