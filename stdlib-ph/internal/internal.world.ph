// Entry point to the running system: "new .internal.world()" is cheap and
// gives access to the current thread.

package .internal;

import .internal.object;
import .internal."thread";

class .internal.world
{
    .internal."thread" getMyThread() [8] {}
};
