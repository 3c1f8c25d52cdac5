// HTTP services. Stub: the native throws; use
// .internal.tcp.curl [24] for requests.

package .internal;

import .internal.object;
import .internal.string;
import .internal.int;

class .internal.http
{
    .internal.string toString() [5] {}

    .internal.object resolve(var url : .internal.string) [16] {}
};
