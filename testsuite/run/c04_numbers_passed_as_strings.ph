// covers: a number passed to a `string` parameter when no overload takes the number is
// converted with toString() (warning W0008), as older original sources need
// (regression_tests: `print(ctor_called)` with `void print(var input : string)`);
// an overload that takes the number wins
package .test;

class main
{
    var out;
    var field : int;

    void print(var input : string) { out.16(input); }

    void show(var s : string) { out.16("string " + s + "\n"); }
    void show(var i : int) { out.16("int " + i + "\n"); }

    void run(var boot) [8]
    {
        var i : int;
        var l : .internal.long;
        var a : int[];
        out = boot;
        field = 3456;
        i = 7;
        l = 1;
        l = l * 1000000000 * 5;
        a = new int[]();
        a[0] = 42;
        print("ctor_called ="); print(field); print("\n");
        print("local "); print(i); print(", expression "); print(i * 2); print("\n");
        print("long "); print(l); print(", element "); print(a[0]); print("\n");
        show(5);
        show("five");
    }
};
