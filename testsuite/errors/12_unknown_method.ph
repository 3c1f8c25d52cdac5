// error: E0401 unknown method `lenght` on a string
package .test.err;

class unknownmethod
{
    void f(var s : string)
    {
        s.lenght();
    }
};
