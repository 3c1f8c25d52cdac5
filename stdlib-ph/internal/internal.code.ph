// VM-only class: bytecode container. Only the default protocol is
// available; the VM creates these objects itself.

package .internal;

import .internal.object;
import .internal.string;

class .internal.code
{
    .internal.string toString() [5] {}
};
