// Time services. The method cannot be called time(): a method named like
// the class would be its constructor. There is no sleep native here (the
// table ends at 16): sleep with boot.sleep [21] (a no-op in the original
// VM) or with a "tmr:" .internal.connection's block(null, msec).

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
