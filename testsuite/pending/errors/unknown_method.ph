// PENDING (diagnostics bug): after the E0401 a cascading W0002 "untyped value used as a number" warning is reported for the failed call.
// error: E0401 unknown method `lenght` on a string
package .test.err;

class unknownmethod
{
    int f(var s : string)
    {
        return s.lenght();
    }
};
