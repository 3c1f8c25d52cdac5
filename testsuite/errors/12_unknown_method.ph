// error: E0401 unknown method `lenght` on a string
package .test.err;

class unknownmethod
{
    int f(var s : string)
    {
        return s.lenght();
    }
};
