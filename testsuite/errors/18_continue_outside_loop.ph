// error: E0407 `continue` outside a loop (a switch is not a loop)
package .test.err;

class cont
{
    void f(var a : int)
    {
        switch (a)
        {
            case 1:
                continue;
        }
    }
};
