// covers: operator precedence of the Phantom language: * over +, | and & tighter than * and +, comparisons below +, && and || at one level left to right, ! negating the whole chain, parentheses
package .test;

class main
{
    var out;

    void show(var name : string, var v : int)
    {
        out.16(name + " = " + v + "\n");
    }

    void run(var boot) [8]
    {
        var a : int;
        var b : int;
        var c : int;
        out = boot;
        show("2 + 3 * 4", 2 + 3 * 4);
        show("(2 + 3) * 4", (2 + 3) * 4);
        show("20 - 6 / 2", 20 - 6 / 2);
        show("20 / 5 * 2", 20 / 5 * 2);
        show("17 % 5 * 3", 17 % 5 * 3);
        show("1 + 2 | 4", 1 + 2 | 4);
        show("3 * 1 | 4", 3 * 1 | 4);
        show("6 & 3 * 5", 6 & 3 * 5);
        show("1 + 2 < 4", 1 + 2 < 4);
        show("2 * 3 == 6", 2 * 3 == 6);
        a = 1;
        b = 0;
        c = 0;
        // && and || have the same precedence and group left to right
        show("1 || 0 && 0", a || b && c);
        show("1 || (0 && 0)", a || (b && c));
        show("0 && 0 || 1", b && c || a);
        // ! negates the whole chain that follows it
        show("!0 && 0", !b && c);
        show("(!0) && 0", (!b) && c);
        show("!1 || 1", !a || a);
        show("(1 < 2) + (3 < 4)", (1 < 2) + (3 < 4));
        show("10 - 2 - 3", 10 - 2 - 3);
        show("2 * (3 + 4) * 5", 2 * (3 + 4) * 5);
    }
};
