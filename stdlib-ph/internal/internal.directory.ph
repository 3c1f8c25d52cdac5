// Native hash table keyed by strings. Also backs the VM's class cache.

package .internal;

import .internal.object;
import .internal.string;
import .internal.int;

class .internal.directory
{
    // Throws "not implemented": directories cannot be compared with ==.
    int equals(var o : .internal.object) [4] {}

    // Returns an errno, 0 on success.
    int put(var key : .internal.string, var value : .internal.object) [8] {}

    // The null object when absent.
    .internal.object get(var key : .internal.string) [9] {}

    // Returns an errno, 0 on success.
    int remove(var key : .internal.string) [10] {}

    int size() [11] {}

    // 12 (iterate) throws natively; not declared.
};
