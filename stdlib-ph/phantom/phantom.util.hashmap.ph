// Hash map with separate chaining. Buckets are chosen with hashCode [15]
// and %, keys compared with equals [4].

package .phantom.util;

import .internal.object;
import .internal.string;
import .internal.int;
import .phantom.util.hashpair;

class .phantom.util.hashmap
{
    // Bucket heads, each null or a hashpair. Typed .internal.object so
    // that null can be stored without a checked cast (see hashpair).
    var buckets : .internal.object [];
    var nBuckets : int;
    var count : int;

    void hashmap()
    {
        setup(16);
    }

    void hashmap(var initialBuckets : int)
    {
        if (initialBuckets < 1)
            setup(16);
        else
            setup(initialBuckets);
    }

    // Every bucket is written once: reading an array slot that was never
    // set throws "index is out of bounds", which is what the original's
    // lookup in an empty table did.
    void setup(var n : int)
    {
        var i : int;
        buckets = new .internal.object[]();
        i = 0;
        while (i < n)
        {
            buckets[i] = null;
            i = i + 1;
        }
        nBuckets = n;
        count = 0;
    }

    // Kept from the original interface; empties the map.
    void init()
    {
        setup(16);
    }

    void clear()
    {
        setup(nBuckets);
    }

    int size()
    {
        return count;
    }

    // hashCode may be negative, and % keeps the sign of the dividend.
    int pos(var key : .internal.object)
    {
        var h : int;
        h = key.hashCode() % nBuckets;
        if (h < 0)
            h = h + nBuckets;
        return h;
    }

    .phantom.util.hashpair chainAt(var table : .internal.object [], var b : int)
    {
        return table[b];
    }

    // The pair holding key, or null. With create == 1 a missing pair is
    // created. The original forgot to return the new pair and relied on
    // whatever was left on the stack.
    .phantom.util.hashpair find(var key : .internal.object, var create : int)
    {
        var b : int;
        var p : .phantom.util.hashpair;
        b = pos(key);
        p = chainAt(buckets, b);
        while (p :!= null)
        {
            if (key.equals(p.getKey()))
                return p;
            p = p.getNext();
        }
        if (create == 0)
            return null;
        p = new .phantom.util.hashpair(key, null, chainAt(buckets, b));
        buckets[b] = p;
        count = count + 1;
        return p;
    }

    void put(var key : .internal.object, var val : .internal.object)
    {
        var p : .phantom.util.hashpair;
        lock();
        p = find(key, 1);
        p.setVal(val);
        if (count > nBuckets * 2)
            grow();
        unlock();
    }

    .internal.object get(var key : .internal.object)
    {
        var p : .phantom.util.hashpair;
        lock();
        p = find(key, 0);
        unlock();
        if (p :== null)
            return null;
        return p.getVal();
    }

    int containsKey(var key : .internal.object)
    {
        var p : .phantom.util.hashpair;
        lock();
        p = find(key, 0);
        unlock();
        if (p :== null)
            return 0;
        return 1;
    }

    // Returns the removed value, or null.
    .internal.object remove(var key : .internal.object)
    {
        var b : int;
        var p : .phantom.util.hashpair;
        var prev : .phantom.util.hashpair;
        var v : .internal.object;
        v = null;
        lock();
        b = pos(key);
        p = chainAt(buckets, b);
        if (p :!= null)
        {
            if (key.equals(p.getKey()))
            {
                buckets[b] = p.getNext();
                v = p.getVal();
                count = count - 1;
            }
            else
            {
                prev = p;
                p = p.getNext();
                while (p :!= null)
                {
                    if (key.equals(p.getKey()))
                    {
                        prev.setNext(p.getNext());
                        v = p.getVal();
                        count = count - 1;
                        break;
                    }
                    prev = p;
                    p = p.getNext();
                }
            }
        }
        unlock();
        return v;
    }

    // Doubles the table so chains stay short; pairs are relinked, not
    // copied.
    void grow()
    {
        var old : .internal.object [];
        var oldN : int;
        var i : int;
        var b : int;
        var p : .phantom.util.hashpair;
        var nx : .phantom.util.hashpair;
        var kept : int;
        old = buckets;
        oldN = nBuckets;
        kept = count;
        setup(oldN * 2 + 1);
        i = 0;
        while (i < oldN)
        {
            p = chainAt(old, i);
            while (p :!= null)
            {
                nx = p.getNext();
                b = pos(p.getKey());
                p.setNext(chainAt(buckets, b));
                buckets[b] = p;
                p = nx;
            }
            i = i + 1;
        }
        count = kept;
    }

    // Hooks for a synchronised subclass; the VM's mutex is unfinished,
    // so the base class does not lock.
    void lock() {}
    void unlock() {}
};
