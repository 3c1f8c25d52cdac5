// strnaive: s = s.concat("hello") 200,000 times on a plain string (no builder); print the
// final length; checksum = 1000000. Not one of the shared seven: it measures the in-place
// append of an unshared string (CPython's `s += "hello"` in a function does the same)
package .bench;

class strnaive
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
