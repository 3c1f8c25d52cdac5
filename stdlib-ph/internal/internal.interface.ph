// VM-only class: method table. Only the default protocol is
// available; the VM creates these objects itself.

package .internal;

import .internal.object;
import .internal.string;

class .internal."interface"
{
    .internal.string toString() [5] {}
};
