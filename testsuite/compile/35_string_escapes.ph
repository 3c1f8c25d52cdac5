// covers: string escapes \n \r \t \b \0 \" \' \\, empty string, // and /* inside strings, raw newline inside a literal
package .test.escapes;

class escapes
{
    void main(var boot) [8]
    {
        boot.16("tab:\tend\n");
        boot.16("cr:\r\n");
        boot.16("backspace:\b nul:\0 end\n");
        boot.16("quotes: \"double\" and \'single\'\n");
        boot.16("backslash: \\ done\n");
        boot.16("");
        boot.16("not // a comment, nor /* this */\n");
        boot.16("two
lines\n");
    }
};
