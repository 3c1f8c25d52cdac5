// E0414: import "file" of a device, which would never end
package .fuzz;
class c
{
    int f(var x : long) { return 1; }
    int m()
    {
        var i : int;
        i = 0;
        return (int) import "/dev/zero";
    }
};
