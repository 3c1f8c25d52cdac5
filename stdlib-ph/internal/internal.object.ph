// Root of every class chain. The VM knows this class as .internal.void;
// ordinals 0..15 are the protocol every object answers (runtime.md, section 4).
// Ordinals 8..13 are left to subclasses, so nothing is declared there.

package .internal;

import .internal."class";
import .internal.string;
import .internal.int;

class .internal.object
{
    void object() [0] {}

    // The VM never calls it; declared so that subclasses can pin [1].
    void destruct_me() [1] {}

    .internal."class" getClass() [2] {}

    // Plain objects throw "void clone called"; boxed numbers and strings
    // return a copy, hence the object return type.
    .internal.object clone() [3] {}

    // Used by == and != whenever an operand lives on the object stack.
    int equals(var o : .internal.object) [4] {}

    .internal.string toString() [5] {}

    .internal.string toXML() [6] {}

    // The native side ignores its argument and returns a fixed string;
    // declared so that the slot is not reused by accident.
    .internal.object fromXML(var xml : .internal.string) [7] {}

    void setImmutable() [14] {}

    int hashCode() [15] {}
};
