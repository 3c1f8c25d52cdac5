// Counting semaphore.

package .internal;

import .internal.object;
import .internal.int;

class .internal.sema
{
    void acquire() [8] {}

    // Gives up after waitTimeMsec milliseconds.
    void tacquire(var waitTimeMsec : int) [9] {}

    // Drops any stored permits.
    void zero() [10] {}

    void release() [11] {}
};
