// PENDING (diagnostics bug): every E0403 is reported twice at the same place (4 errors for 2 mistakes).
// error: E0403 arithmetic on objects: an object times a number, a string minus a number
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
