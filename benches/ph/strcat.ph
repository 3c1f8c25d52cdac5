// strcat: append "hello" 200,000 times to a string builder (.phantom.util.stringbuilder, like Java's StringBuilder); print the final length; checksum = 1000000
package .bench;

class strcat
{
    void run(var boot) [8]
    {
        var b : .phantom.util.stringbuilder;
        var s : string;
        var i : int;
        b = new .phantom.util.stringbuilder();
        i = 0;
        while (i < 200000)
        {
            b.append("hello");
            i = i + 1;
        }
        s = b.toString();
        boot.16("" + s.length() + "\n");
    }
};
