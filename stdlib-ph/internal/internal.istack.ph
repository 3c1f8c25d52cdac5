// VM-only class: a page of a thread integer stack. Only the default protocol is
// available; the VM creates these objects itself.

package .internal;

import .internal.object;
import .internal.string;

class .internal.istack
{
    .internal.string toString() [5] {}
};
