// The program `cargo xtask test-persist` kills: it prints "count N" every
// 50 ms, N counting up from 1, so that after each restart the first number
// printed tells which snapshot the program continued.
package .kernel;

class kill_counter
{
    var n : int;

    void run(var boot) [8]
    {
        n = 0;
        while (1)
        {
            n = n + 1;
            boot.16("count " + n + "\n");
            boot.21(50);
        }
    }
};
