// Network services. Stub: the native throws "not implemented".

package .internal;

import .internal.object;
import .internal.string;
import .internal.int;

class .internal.net
{
    .internal.string toString() [5] {}

    int resolve(var hostname : .internal.string) [16] {}
};
