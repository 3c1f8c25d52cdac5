// error: E0400 `true` and `false` do not exist; conditions are numbers (`1` and `0`)
package .test.err;

class booleans
{
    void spin()
    {
        var done : int;
        done = false;
        while (true)
        {
            done = 1;
        }
    }
};
