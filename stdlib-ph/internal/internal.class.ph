// Class objects. Ordinal 14 is reused natively for instanceof, so on a
// class object setImmutable() is not available: the slot answers
// instanceOf instead.

package .internal;

import .internal.object;
import .internal.string;
import .internal.int;

class .internal."class"
{
    .internal.string toString() [5] {}

    // The native reads all three values from the first argument (VM bug),
    // so this only works once the VM is fixed.
    .internal."class" newClass(var name : .internal.string, var nSlots : int, var iface : .internal.object) [8] {}

    void setStatic(var slot : int, var value : .internal.object) [10] {}

    .internal.object getStatic(var slot : int) [11] {}

    // 1 if o is an instance of this class or of a subclass.
    int instanceOf(var o : .internal.object) [14] {}
};
