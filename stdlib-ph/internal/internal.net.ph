// Network services.

package .internal;

import .internal.object;
import .internal.string;
import .internal.int;

class .internal.net
{
    .internal.string toString() [5] {}

    // The first IPv4 address of the name, as an int (127.0.0.1 is
    // 0x7F000001); throws when there is none.
    int resolve(var hostname : .internal.string) [16] {}
};
