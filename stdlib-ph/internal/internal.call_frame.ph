// VM-only class: one activation record of a thread. Only the default protocol is
// available; the VM creates these objects itself.

package .internal;

import .internal.object;
import .internal.string;

class .internal.call_frame
{
    .internal.string toString() [5] {}
};
