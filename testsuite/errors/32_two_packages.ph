// error: E0200 a file with two `package` lines
package .test.err;
package .test.other;

class twopkg
{
    void f()
    {
    }
};
