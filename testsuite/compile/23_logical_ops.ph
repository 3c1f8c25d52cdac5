// covers: && and || at the same level (left to right), `!` negating the whole following chain, (!a) && b, logical values as ints
package .test.logic;

class logic
{
    int both(var a : int, var b : int)
    {
        return a && b;
    }

    int either(var a : int, var b : int)
    {
        return a || b;
    }

    int chain(var a : int, var b : int, var c : int)
    {
        // (a || b) && c
        return a || b && c;
    }

    int notAll(var a : int, var b : int)
    {
        // !(a && b)
        return !a && b;
    }

    int notFirst(var a : int, var b : int)
    {
        return (!a) && b;
    }

    int inRange(var x : int, var lo : int, var hi : int)
    {
        if (x >= lo && x <= hi)
            return 1;
        return 0;
    }
};
