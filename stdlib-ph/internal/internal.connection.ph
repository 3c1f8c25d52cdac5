// Generic kernel connection, addressed by a destination name. The hosted
// runtime has "tmr:" (block(arg, msec) sleeps) and "stt:" (block(counter,
// kind) reads a statistics counter). Reconnects by that name after a
// restart.

package .internal;

import .internal.object;
import .internal.string;
import .internal.int;

class .internal.connection
{
    int equals(var o : .internal.object) [4] {}

    // All int results are errnos.
    int connect(var destination : .internal.string) [8] {}
    int disconnect() [9] {}

    // Always ENXIO in the original VM.
    int check() [10] {}

    int invoke(var arg : .internal.object, var operationId : int) [11] {}

    // The kernel calls method nMethod of callback when it has news.
    int setCallback(var callback : .internal.object, var nMethod : int) [12] {}

    // Blocks the thread (and releases persistent memory) until the kernel
    // side answers.
    int block(var arg : .internal.object, var operationId : int) [13] {}
};
