// error: E0004 unknown escape `\q` in a string literal
package .test.err;

class lexescape
{
    string f()
    {
        return "bad \q escape";
    }
};
