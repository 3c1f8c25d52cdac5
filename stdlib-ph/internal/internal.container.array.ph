// The container behind every T[] type. Subscripts compile to get [10]
// and set [11]; everything else must be called by name.

package .internal;

import .internal.object;
import .internal.string;
import .internal.int;

class .internal.container.array
{
    // new T[]() calls ordinal 0 when T is not internal.
    void array() [0] {}

    .internal.string toString() [5] {}

    // 8 (iterator) and 9 (subarray) throw "not implemented" natively and
    // are deliberately not declared; foreach depends on 8 and is unusable.

    // Throws "array get - index is out of bounds" when index >= size().
    .internal.object get(var index : int) [10] {}

    // Value first, index second. Grows the array; slots skipped over read
    // back as null. Returns the value.
    .internal.object set(var value : .internal.object, var index : int) [11] {}

    int size() [12] {}

    int hashCode() [15] {}
};
