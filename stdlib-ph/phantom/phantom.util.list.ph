// Growable list of objects over .internal.container.array. The array
// only grows, so the list keeps its own element count.

package .phantom.util;

import .internal.object;
import .internal.string;
import .internal.int;
import .phantom.util.stringbuilder;

class .phantom.util.list
{
    var items : .internal.object [];
    var count : int;

    void list()
    {
        clear();
    }

    void clear()
    {
        items = new .internal.object[]();
        count = 0;
    }

    int size()
    {
        return count;
    }

    int isEmpty()
    {
        if (count > 0)
            return 0;
        return 1;
    }

    void add(var o : .internal.object)
    {
        items[count] = o;
        count = count + 1;
    }

    .internal.object get(var i : int)
    {
        checkIndex(i, count);
        return items[i];
    }

    // Returns the value that was replaced.
    .internal.object set(var i : int, var o : .internal.object)
    {
        var old : .internal.object;
        checkIndex(i, count);
        old = items[i];
        items[i] = o;
        return old;
    }

    // i may equal size(), which appends.
    void insert(var i : int, var o : .internal.object)
    {
        var j : int;
        checkIndex(i, count + 1);
        j = count;
        while (j > i)
        {
            items[j] = items[j - 1];
            j = j - 1;
        }
        items[i] = o;
        count = count + 1;
    }

    // Returns the removed value.
    .internal.object removeAt(var i : int)
    {
        var old : .internal.object;
        var j : int;
        checkIndex(i, count);
        old = items[i];
        j = i;
        count = count - 1;
        while (j < count)
        {
            items[j] = items[j + 1];
            j = j + 1;
        }
        // Drop the stale reference so the object can be freed.
        items[count] = null;
        return old;
    }

    // Removes the first element equal to o; 1 if one was found.
    int remove(var o : .internal.object)
    {
        var i : int;
        i = indexOf(o);
        if (i < 0)
            return 0;
        removeAt(i);
        return 1;
    }

    // Position of the first element equal to o (by equals [4]), or -1.
    int indexOf(var o : .internal.object)
    {
        var i : int;
        i = 0;
        while (i < count)
        {
            if (o.equals(items[i]))
                return i;
            i = i + 1;
        }
        return -1;
    }

    int contains(var o : .internal.object)
    {
        if (indexOf(o) < 0)
            return 0;
        return 1;
    }

    // "[a, b, c]", each element by its own toString [5].
    .internal.string toString() [5]
    {
        var sb : .phantom.util.stringbuilder;
        var i : int;
        sb = new .phantom.util.stringbuilder();
        sb.append("[");
        i = 0;
        while (i < count)
        {
            if (i > 0)
                sb.append(", ");
            sb.appendObject(items[i]);
            i = i + 1;
        }
        sb.append("]");
        return sb.toString();
    }

    void checkIndex(var i : int, var limit : int)
    {
        if (i < 0 || i >= limit)
            throw "phantom.util.list: index out of range";
    }
};
