// Fixed-size byte buffer (create one with boot.createBinary [19]).
// Accesses are bounds-checked; errors are thrown as strings.

package .internal;

import .internal.object;
import .internal.string;
import .internal.int;

class .internal.binary
{
    // Also hexdumps the contents to the console.
    .internal.string toString() [5] {}

    int getByte(var index : int) [8] {}
    void setByte(var index : int, var value : int) [9] {}

    // Copies ln bytes from src[fromPos] to this[toPos].
    void setRange(var src : .internal.binary, var toPos : int, var fromPos : int, var ln : int) [10] {}
};
