// Per-thread set of named objects, Unix-environment style. The VM creates
// one per thread on the first .internal.thread.getEnvironment() call.

package .phantom;

import .internal.object;
import .internal.string;
import .internal.int;
import .phantom.util.map;

class .phantom.environment
{
    var vars : .phantom.util.map;

    // The original had no constructor and created the map lazily behind
    // "env :== null", which is false for a never-assigned field (a zero
    // pointer), so the map was never made and the first set() crashed.
    void environment()
    {
        vars = new .phantom.util.map();
    }

    // Still needed for objects made without a constructor (the VM's own
    // instances, new *(cls)): works where unassigned fields read as null.
    .phantom.util.map table()
    {
        if (vars :== null)
            vars = new .phantom.util.map();
        return vars;
    }

    // 1 for a new name, 0 when an existing value was replaced.
    int set(var key : .internal.string, var val : .internal.object)
    {
        var m : .phantom.util.map;
        m = table();
        return m.put(key, val);
    }

    // null when the name is not set.
    .internal.object get(var key : .internal.string)
    {
        var m : .phantom.util.map;
        m = table();
        return m.get(key);
    }

    int contains(var key : .internal.string)
    {
        var m : .phantom.util.map;
        m = table();
        return m.containsKey(key);
    }

    .internal.object remove(var key : .internal.string)
    {
        var m : .phantom.util.map;
        m = table();
        return m.remove(key);
    }

    int size()
    {
        var m : .phantom.util.map;
        m = table();
        return m.size();
    }

    // Walk with size() and nameAt()/valueAt(); there is no working foreach.
    .internal.string nameAt(var i : int)
    {
        var m : .phantom.util.map;
        m = table();
        return m.keyAt(i);
    }

    .internal.object valueAt(var i : int)
    {
        var m : .phantom.util.map;
        m = table();
        return m.valueAt(i);
    }
};
