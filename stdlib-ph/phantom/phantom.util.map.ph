// Small association map: two parallel arrays searched linearly. Cheap
// for the handful of entries of an environment; use
// .phantom.util.hashmap for large tables.
//
// Keys are compared with equals [4], so strings and boxed numbers match
// by value and other objects by whatever their equals does.

package .phantom.util;

import .internal.object;
import .internal.string;
import .internal.int;

class .phantom.util.map
{
    var keys : .internal.object [];
    var values : .internal.object [];
    var count : int;

    // The original constructor was empty and left the arrays unset, so
    // the first put() failed.
    void map()
    {
        clear();
    }

    void clear()
    {
        keys = new .internal.object[]();
        values = new .internal.object[]();
        count = 0;
    }

    // Kept from the original interface, where it had to be called by hand
    // before first use. Now it only empties the map.
    void init()
    {
        clear();
    }

    int size()
    {
        return count;
    }

    // Position of key, or -1.
    int indexOf(var key : .internal.object)
    {
        var i : int;
        i = 0;
        while (i < count)
        {
            if (key.equals(keys[i]))
                return i;
            i = i + 1;
        }
        return -1;
    }

    int containsKey(var key : .internal.object)
    {
        if (indexOf(key) < 0)
            return 0;
        return 1;
    }

    // Returns 1 when key is new, 0 when an existing entry was updated.
    // The original refused to update (and returned 0), which made a
    // stored value impossible to change.
    int put(var key : .internal.object, var value : .internal.object)
    {
        var i : int;
        i = indexOf(key);
        if (i >= 0)
        {
            values[i] = value;
            return 0;
        }
        keys[count] = key;
        values[count] = value;
        count = count + 1;
        return 1;
    }

    // null when absent; use containsKey to tell that from a stored null.
    .internal.object get(var key : .internal.object)
    {
        var i : int;
        i = indexOf(key);
        if (i < 0)
            return null;
        return values[i];
    }

    // Returns the removed value, or null.
    .internal.object remove(var key : .internal.object)
    {
        var i : int;
        var old : .internal.object;
        i = indexOf(key);
        if (i < 0)
            return null;
        old = values[i];
        count = count - 1;
        while (i < count)
        {
            keys[i] = keys[i + 1];
            values[i] = values[i + 1];
            i = i + 1;
        }
        // Drop the references so that the removed objects can be freed.
        keys[count] = null;
        values[count] = null;
        return old;
    }

    // Index-based access is the only way to walk a map: foreach does not
    // work in this language.
    .internal.object keyAt(var i : int)
    {
        checkIndex(i);
        return keys[i];
    }

    .internal.object valueAt(var i : int)
    {
        checkIndex(i);
        return values[i];
    }

    void checkIndex(var i : int)
    {
        if (i < 0 || i >= count)
            throw "phantom.util.map: index out of range";
    }
};
