// strcat: append "hello" 200,000 times to a growing string with concat (a new string each time); print the final length; checksum = 1000000
package .bench;

class strcat
{
    void run(var boot) [8]
    {
        var s : string;
        var i : int;
        s = "";
        i = 0;
        while (i < 200000)
        {
            s = s.concat("hello");
            i = i + 1;
        }
        boot.16("" + s.length() + "\n");
    }
};
