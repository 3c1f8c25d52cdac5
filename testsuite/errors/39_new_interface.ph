// error: E0413 creating an instance of an interface, and `new void`
package .test.err;

interface runnable
{
    void run();
};

class maker
{
    void f()
    {
        var r : runnable;
        var v;
        r = new runnable();
        v = new void();
    }
};
