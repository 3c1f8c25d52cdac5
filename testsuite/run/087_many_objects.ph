// covers: allocating 100,000 short-lived objects in a loop (memory must be reclaimed or suffice), keeping every 10,000th in an array, objects referring to each other in a chain of 1000
package .test;

class main
{
    void run(var boot) [8]
    {
        var i : int;
        var c : cell;
        var kept : cell[];
        var sum : int;
        var head : .internal.object;
        var n : .internal.object;
        var len : int;
        kept = new cell[]();
        sum = 0;
        i = 0;
        while (i < 100000)
        {
            c = new cell(i, null);
            sum = sum + c.get() % 7;
            if (i % 10000 == 0)
                kept[kept.size()] = c;
            i = i + 1;
        }
        boot.16("sum of i % 7 = " + sum + "\n");
        boot.16("kept " + kept.size() + ": first " + kept[0].get() + " last " + kept[9].get() + "\n");
        head = null;
        i = 0;
        while (i < 1000)
        {
            head = new cell(i, head);
            i = i + 1;
        }
        len = 0;
        sum = 0;
        n = head;
        while (n :!= null)
        {
            c = n;
            len = len + 1;
            sum = sum + c.get();
            n = c.next();
        }
        boot.16("chain length " + len + " sum " + sum + "\n");
    }
};

class cell
{
    var v : int;
    var nx : .internal.object;

    void cell(var x : int, var n : .internal.object)
    {
        v = x;
        nx = n;
    }

    int get()
    {
        return v;
    }

    .internal.object next()
    {
        return nx;
    }
};
