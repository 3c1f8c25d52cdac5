// error: E0003 unterminated string literal (runs to the end of the file)
package .test.err;

class lexstr
{
    string f()
    {
        return "never closed;
    }
};
