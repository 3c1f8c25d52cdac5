// covers: deviation V1 — `%` works with C semantics for int and long, and division by zero throws a catchable string
package .test;

class main
{
    void run(var boot) [8]
    {
        var a : int;
        var z : int;
        var l : long;
        a = 17;
        z = 0;
        l = 100000;
        l = l * l;
        boot.16("" + (a % 5) + " " + ((0 - a) % 5) + " " + (a % (0 - 5)) + "\n");
        boot.16("" + (l % 7) + "\n");
        try { boot.16("" + (a / z) + "\n"); }
        catch (string e) { boot.16("caught: " + e + "\n"); }
        try { boot.16("" + (a % z) + "\n"); }
        catch (string e) { boot.16("caught: " + e + "\n"); }
    }
};
