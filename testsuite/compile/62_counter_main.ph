// covers: a runnable program: objects created in main, method calls with results printed via string concatenation and boot.16
package .test.counter;

class counter
{
    var value : int;

    void counter(var start : int)
    {
        value = start;
    }

    void tick()
    {
        value = value + 1;
    }

    int get()
    {
        return value;
    }
};

class app
{
    void main(var boot) [8]
    {
        var c : counter;
        var i : int;
        c = new counter(10);
        i = 0;
        while (i < 5)
        {
            c.tick();
            i = i + 1;
        }
        boot.16("counter = " + c.get() + "\n");
    }
};
