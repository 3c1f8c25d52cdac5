// error: E0313 a class method without a body, and an interface method with a body
package .test.err;

class nobody
{
    int f();
};

interface withbody
{
    int g()
    {
        return 1;
    }
};
