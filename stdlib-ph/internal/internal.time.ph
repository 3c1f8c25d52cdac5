// Time services. The method cannot be called time(): a method named like
// the class would be its constructor. The VM has no sleep native here
// (the table ends at 16), and boot.sleep [21] does nothing, so there is
// no way to sleep yet; none is declared rather than one that aborts.

package .internal;

import .internal.object;
import .internal.string;
import .internal.int;

class .internal.time
{
    .internal.string toString() [5] {}

    // Unix time in seconds. Throws "not implemented" in the original VM.
    int unixTime() [16] {}
};
