// error: E0302 two methods with the same explicit ordinal
package .test.err;

class dupord
{
    void a() [20]
    {
    }

    void b() [20]
    {
    }
};
