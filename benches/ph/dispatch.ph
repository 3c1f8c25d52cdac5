// dispatch: 10,000,000 virtual calls alternating between two subclasses that override one method (returning 1 and 2); checksum = 15000000
package .bench;

class dispatch
{
    void run(var boot) [8]
    {
        var objs : base[];
        var i : int;
        var s : long;
        objs = new base[]();
        objs[0] = new a();
        objs[1] = new b();
        s = 0;
        i = 0;
        while (i < 10000000)
        {
            s = s + objs[i & 1].f();
            i = i + 1;
        }
        boot.16("" + s + "\n");
    }
};

class base
{
    int f()
    {
        return 0;
    }
};

class a extends base
{
    int f()
    {
        return 1;
    }
};

class b extends base
{
    int f()
    {
        return 2;
    }
};
