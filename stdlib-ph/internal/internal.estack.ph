// VM-only class: a page of a thread exception-catcher stack. Only the default protocol is
// available; the VM creates these objects itself.

package .internal;

import .internal.object;
import .internal.string;

class .internal.estack
{
    .internal.string toString() [5] {}
};
