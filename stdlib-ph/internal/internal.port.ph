// Native inter-process port. Stub: method 16 takes no arguments and throws
// "not implemented". It is named open because a method named like the
// class would be a constructor.

package .internal;

import .internal.object;
import .internal.string;

class .internal.port
{
    .internal.string toString() [5] {}

    .internal.object open() [16] {}
};
