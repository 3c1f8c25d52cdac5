// Counts once a second, forever. Run it in a persistent image, kill it
// any way you like, and run the same command again: it goes on counting
// from where the last snapshot caught it.
//   cargo run -q --release -p phantom -- run --image counter.img examples/counter.ph
package .examples;

class counter
{
    var n : int;

    void run(var boot) [8]
    {
        n = 0;
        while (1)
        {
            n = n + 1;
            boot.16("count " + n + "\n");
            boot.21(1000);
        }
    }
};
