// Native user interface control. Stub: method 16 takes no arguments and throws
// "not implemented". It is named create because a method named like the
// class would be a constructor.

package .internal;

import .internal.object;
import .internal.string;

class .internal.ui.control
{
    .internal.string toString() [5] {}

    .internal.object create() [16] {}
};
