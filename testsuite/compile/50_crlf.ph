// covers: CRLF line endings (line numbers in .lstc must still be right), statements spread over lines
package .test.crlf;

class crlf
{
    int compute(var a : int)
    {
        var x : int;
        x = a
            + 1;
        if (x > 2)
        {
            x = x * 2;
        }
        return x;
    }
};
