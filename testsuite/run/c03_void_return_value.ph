// covers: `return expr;` in a void method (warning W0007): the value is computed, its
// effects happen, and it is dropped; the method ends there
package .test;

class main
{
    var out;
    var n : int;

    int bump() { n = n + 1; return n; }

    void f(var a : int)
    {
        if (a > 0)
            return bump();
        out.16("not returned early\n");
    }

    void run(var boot) [8]
    {
        out = boot;
        n = 10;
        f(1);
        out.16("after f(1): n = " + n + "\n");
        f(0);
        out.16("after f(0): n = " + n + "\n");
    }
};
