// fib: recursive fib(30); checksum = 832040 (same algorithm and size as ../../../shared/bench/fib.py)
package .bench;

class fib
{
    int f(var n : int)
    {
        if (n < 2)
            return n;
        return f(n - 1) + f(n - 2);
    }

    void run(var boot) [8]
    {
        boot.16("" + f(30) + "\n");
    }
};
