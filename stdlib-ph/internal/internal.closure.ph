// A bound (object, method ordinal) pair.

package .internal;

import .internal.object;
import .internal.int;

class .internal.closure
{
    int getOrdinal() [9] {}
    void setOrdinal(var ordinal : int) [10] {}
    void setObject(var o : .internal.object) [11] {}
};
