// Condition variable used together with .internal.mutex.

package .internal;

import .internal.object;
import .internal.int;
import .internal.mutex;

class .internal.cond
{
    void wait(var toUnlock : .internal.mutex) [8] {}
    void twait(var toUnlock : .internal.mutex, var waitTimeMsec : int) [9] {}
    void broadcast() [10] {}
    void signal() [11] {}
};
