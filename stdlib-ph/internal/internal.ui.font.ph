// Native font. Stub: method 16 takes no arguments and throws
// "not implemented". It is named load because a method named like the
// class would be a constructor.

package .internal;

import .internal.object;
import .internal.string;

class .internal.ui.font
{
    .internal.string toString() [5] {}

    .internal.object load() [16] {}
};
