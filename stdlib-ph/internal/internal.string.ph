// Byte string with no encoding. Immutable.

package .internal;

import .internal.object;
import .internal.int;
import .internal.long;

class .internal.string
{
    .internal.object clone() [3] {}

    // Same class, same length, same bytes; 0 for null.
    int equals(var o : .internal.object) [4] {}

    // Returns the string itself.
    .internal.string toString() [5] {}

    // Throws if index is outside the string; length is clamped to the end.
    .internal.string substring(var index : int, var length : int) [8] {}

    // Byte value 0..255.
    int charAt(var index : int) [9] {}

    .internal.string concat(var s : .internal.string) [10] {}

    int length() [11] {}

    // Byte offset of s, or -1.
    int strstr(var s : .internal.string) [12] {}

    void setImmutable() [14] {}

    int hashCode() [15] {}

    int toInt() [16] {}

    long toLong() [17] {}

    // 18 and 19 (toFloat/toDouble) throw "not impl" natively and are
    // deliberately not declared.

    // Tree of arrays, directories and leaf objects.
    .internal.object parseJson() [20] {}
};
