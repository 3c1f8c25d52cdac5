// error: E0401 unknown method `lenght` on a string, its result used as a number (one error, no follow-on warning)
package .test.err;

class unknownmethod
{
    int f(var s : string)
    {
        return s.lenght();
    }
};
