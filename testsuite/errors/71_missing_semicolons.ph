// error: E0100 two statements missing their `;` at the end of the line, each reported once without follow-up errors
package .test.err;

class semis
{
    int f()
    {
        var x : int;
        x = 1
        x = x + 2
        return x;
    }
};
