// error: E0100 an empty statement `;` is not allowed inside a block (use `{}`)
package .test.err;

class emptystmt
{
    void f(var a : int)
    {
        while (a > 0)
            ;
    }
};
