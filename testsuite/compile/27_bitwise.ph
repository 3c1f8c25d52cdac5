// covers: binary | and &, postfix ~ (bitwise not), | & binding tighter than + and *, masks with hex literals
package .test.bits;

class bits
{
    int mask(var v : int)
    {
        return v & 0xFF;
    }

    int setFlag(var v : int, var flag : int)
    {
        return v | flag;
    }

    int clearFlag(var v : int, var flag : int)
    {
        return v & flag ~;
    }

    int invert(var v : int)
    {
        var x : int;
        x = v;
        return x ~;
    }

    int precedence()
    {
        // 1 + (2 | 4) = 7, and 2 * (3 & 1) = 2
        return 1 + 2 | 4 + 2 * 3 & 1;
    }
};
