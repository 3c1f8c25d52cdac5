// Kernel file handle (Unix personality). Ordinal 14 is reused natively
// for reset, so setImmutable() is not available on io objects. The file
// is reopened by name after a restart. In the hosted runtime names are
// relative to a sandbox directory (kernel environment io.root=DIR).

package .internal;

import .internal.object;
import .internal.string;
import .internal.int;

class .internal.io
{
    int equals(var o : .internal.object) [4] {}
    .internal.string toString() [5] {}
    .internal.string toXML() [6] {}
    int hashCode() [15] {}

    // Opens read-write, creating the file. Returns an errno.
    int open(var filename : .internal.string) [8] {}

    void close() [9] {}

    // A string with the bytes read, or an int (negative errno) on failure.
    .internal.object read(var nBytes : int) [10] {}

    // Bytes written, or a negative errno.
    int write(var data : .internal.string) [11] {}

    // ioctl-like parameters: "position" (set and get), "size" (get).
    void setvar(var name : .internal.object, var value : .internal.object) [12] {}
    int getvar(var name : .internal.object) [13] {}

    // Nonzero: back to the start of the file.
    void reset(var isReset : int) [14] {}
};
