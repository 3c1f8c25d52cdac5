// A first Phantom program: a counter class with a loop, a field and a
// string constant. Compile it with:
//   cargo run -p plc -- compile --emit pc,lst,lstc -o out examples/hello.ph
package .examples;

class hello
{
    var total : int;

    // Adds 1 to the total n times and returns the new total.
    int add(var n : int)
    {
        var i : int;
        i = 0;
        while (i < n)
        {
            total = total + 1;
            i = i + 1;
        }
        return total;
    }

    // The entry point: method 8 gets the bootstrap object, whose method 16 prints.
    void run(var boot) [8]
    {
        total = 0;
        boot.16("hello, " + add(3) + " times\n");
    }
};
