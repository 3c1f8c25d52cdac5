// error: E0421 storing a string into an int variable and a number into a string field
package .test.err;

class storetype
{
    var name : string;

    void f(var s : string)
    {
        var n : int;
        n = s;
        name = 5;
    }
};
