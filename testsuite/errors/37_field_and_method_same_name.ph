// error: E0301 a name used both for a field and a method
package .test.err;

class clash
{
    var size : int;

    int size()
    {
        return 1;
    }
};
