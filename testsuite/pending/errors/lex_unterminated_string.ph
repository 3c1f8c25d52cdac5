// PENDING (compiler bug): an unterminated string gives E0101 "unexpected end of file" followed by E0001 "this character cannot start a token" (at the quote, with no source line shown) instead of E0003 "unterminated string literal".
// error: E0003 unterminated string literal (runs to the end of the file)
package .test.err;

class lexstr
{
    string f()
    {
        return "never closed;
    }
};
