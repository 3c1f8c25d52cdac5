// Kernel statistics counters.

package .internal;

import .internal.object;
import .internal.string;
import .internal.int;

class .internal.stat
{
    .internal.string toString() [5] {}

    // kind: 0 current per second, 1 average per second, 2 total this run,
    // 3 total of previous runs, 4 total of all runs. Throws for an unknown
    // counter number. Counters: 0 restarts, 6..9 TCP/UDP receives and
    // sends, 16/17 name lookups and answers; 64 heap cells in use, 65 heap
    // capacity, 66 threads, 67 classes (current values).
    int getStat(var counter : int, var kind : int) [16] {}
};
