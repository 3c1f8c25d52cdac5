// VM-only class: backing store of arrays, a plain slot array. Only the default protocol is
// available; the VM creates these objects itself.

package .internal;

import .internal.object;
import .internal.string;

class .internal.container.page
{
    .internal.string toString() [5] {}
};
