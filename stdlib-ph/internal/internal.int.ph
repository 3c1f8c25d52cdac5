// Boxed int. Instances are immutable; equals needs the same class and value.

package .internal;

import .internal.object;
import .internal.string;

class .internal.int
{
    .internal.object clone() [3] {}
    int equals(var o : .internal.object) [4] {}
    .internal.string toString() [5] {}
    .internal.string toXML() [6] {}
    int hashCode() [15] {}
};
