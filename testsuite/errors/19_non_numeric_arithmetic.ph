// error: E0403 arithmetic on objects: an object times a number, a string minus a number (each reported once)
package .test.err;

class nonnum
{
    int f(var o : .internal.object, var s : string)
    {
        var x : int;
        x = o * 2;
        x = s - 1;
        return x;
    }
};
