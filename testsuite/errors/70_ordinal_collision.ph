// error: E0308 an override needs the parent's ordinal, which a pinned method already took
package .test.err;

class base
{
    void a()
    {
    }
};

class derived extends base
{
    void b() [16]
    {
    }

    void a()
    {
    }
};
