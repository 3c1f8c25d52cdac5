// error: E0002 unterminated block comment
package .test.err;

class lexcomment
{
    int f()
    {
        return 1;
    }
    /* this comment never ends
};
