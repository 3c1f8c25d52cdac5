// covers: int + - * / on locals, fields, arguments and constants, left associativity of - and /, results printed in decimal
package .test;

class main
{
    var out;
    var f : int;

    void show(var name : string, var v : int)
    {
        out.16(name + "=" + v + "\n");
    }

    int add3(var a : int, var b : int, var c : int)
    {
        return a + b + c;
    }

    void run(var boot) [8]
    {
        var a : int;
        var b : int;
        out = boot;
        a = 17;
        b = 5;
        f = 3;
        show("a+b", a + b);
        show("a-b", a - b);
        show("b-a", b - a);
        show("a*b", a * b);
        show("a/b", a / b);
        show("12/2", 12 / 2);
        show("2+2", 2 + 2);
        show("2-2", 2 - 2);
        show("3*3", 3 * 3);
        show("a+f", a + f);
        show("f*f*f", f * f * f);
        show("100-10-1", 100 - 10 - 1);
        show("100/10/2", 100 / 10 / 2);
        show("add3", add3(a, b, f));
        show("mix", a * 2 + b * 3 - f);
        f = f + 1;
        show("f+1", f);
        a = a * a;
        show("a*a", a);
        show("0", 0);
        show("1000000*3", 1000000 * 3);
    }
};
