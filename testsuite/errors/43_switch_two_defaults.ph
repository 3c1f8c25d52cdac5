// error: E0424 a switch with two `default` labels
package .test.err;

class twodefaults
{
    int f(var a : int)
    {
        switch (a)
        {
            case 1: return 1;
            default: return 2;
            default: return 3;
        }
        return 0;
    }
};
