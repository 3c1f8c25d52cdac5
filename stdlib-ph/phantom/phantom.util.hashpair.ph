// One entry of a .phantom.util.hashmap bucket chain.
//
// The stored fields are typed .internal.object on purpose: an assignment
// to a differently typed field compiles to a checked cast, and the
// original VM rejects null in such a cast. Values that may be null
// therefore only travel through .internal.object slots, arguments and
// return values, none of which are cast.

package .phantom.util;

import .internal.object;

class .phantom.util.hashpair
{
    var key : .internal.object;
    var val : .internal.object;
    var next : .internal.object;

    // Unassigned fields are zero pointers, which ":== null" does not
    // recognise, so every constructor assigns every field.
    void hashpair()
    {
        key = null;
        val = null;
        next = null;
    }

    void hashpair(var k : .internal.object, var v : .internal.object, var n : .internal.object)
    {
        key = k;
        val = v;
        next = n;
    }

    void setKey(var k : .internal.object) { key = k; }
    .internal.object getKey() { return key; }

    void setVal(var v : .internal.object) { val = v; }
    .internal.object getVal() { return val; }

    void setNext(var n : .internal.object) { next = n; }

    // Returned values are not cast, so the chain can end in null.
    .phantom.util.hashpair getNext() { return next; }
};
