// error: E0410 postfix `~` needs an integer, found a double
package .test.err;

class tilde
{
    int f()
    {
        var d : double;
        d = 1;
        return d ~;
    }
};
