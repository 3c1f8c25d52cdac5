// error: E0104 a C-style `for` loop; Phantom has only `while`, `do` and `foreach`
package .test.err;

class forloop
{
    int sum()
    {
        var i : int;
        var s : int;
        s = 0;
        for (i = 0; i < 10; i = i + 1)
        {
            s = s + i;
        }
        return s;
    }
};
