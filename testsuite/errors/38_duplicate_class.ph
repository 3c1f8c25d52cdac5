// error: E0204 the same class defined twice in one file
package .test.err;

class twice
{
    void f()
    {
    }
};

class twice
{
    void g()
    {
    }
};
