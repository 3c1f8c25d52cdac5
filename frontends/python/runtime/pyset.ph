// set: CPython 3.11's open-addressing table (setobject.c), reproduced so
// that a set prints and iterates in the order CPython's does: linear
// probes of 9, then perturbation by the 64-bit hash, resize to 4x (2x past
// 50000) when 3/5 full, dummies on removal. Hashes are CPython's for ints,
// bools and tuples of them (hash64); str hashes are random in CPython, so
// any order of a set of strings is one CPython could print.

package .py;

class pset extends pobject
{
    var keys : pobject[];
    var hashes : long[];
    // 0 empty, 1 active, 2 dummy.
    var state : int[];
    var mask : int;
    var fill : int;
    var used : int;
    var finger : int;

    void pset() { setup(8); }
    void setup(var size : int)
    {
        var i : int;
        keys = new pobject[]();
        hashes = new long[]();
        state = new int[]();
        i = 0;
        while (i < size)
        {
            keys[i] = null;
            hashes[i] = 0;
            state[i] = 0;
            i = i + 1;
        }
        mask = size - 1;
        fill = 0;
        used = 0;
        finger = 0;
    }
    int tag() { return 15; }
    string typeName() { return "set"; }
    int len_() { return used; }
    int truth() { return used != 0; }
    int slots() { return mask + 1; }
    int stateAt(var i : int) { return state[i]; }
    pobject keyAt(var i : int) { return keys[i]; }
    long hashAt(var i : int) { return hashes[i]; }
    string methodNames() { return "|add|discard|remove|pop|clear|copy|update|union|intersection|difference|symmetric_difference|issubset|issuperset|isdisjoint|"; }

    // x >> 5 of the unsigned 64 bits of x.
    long ushr5(var x : long)
    {
        var q : long;
        var top : long;
        if (x >= 0)
            return x / 32;
        q = x / 32;
        if (q * 32 != x)
            q = q - 1;
        top = 1073741824;
        top = top * 536870912;
        return q + top;
    }
    // The slot holding key (state 1), or -1.
    int lookup(var key : pobject, var h : long)
    {
        var i : long;
        var perturb : long;
        var probes : int;
        var j : int;
        i = h & mask;
        perturb = h;
        while (1)
        {
            j = i;
            probes = 0;
            if (i + 9 <= mask)
                probes = 9;
            while (probes >= 0)
            {
                if (state[j] == 0)
                    return -1;
                if (state[j] == 1 && hashes[j] == h)
                {
                    if (keys[j].eq(key))
                        return j;
                }
                j = j + 1;
                probes = probes - 1;
            }
            perturb = ushr5(perturb);
            i = (i * 5 + 1 + perturb) & mask;
        }
    }
    int contains(var key : pobject) { return lookup(key, key.hash64()) >= 0; }
    void addKey(var key : pobject)
    {
        var h : long;
        var i : long;
        var perturb : long;
        var probes : int;
        var j : int;
        var free : int;
        h = key.hash64();
        i = h & mask;
        perturb = h;
        free = -1;
        while (1)
        {
            j = i;
            probes = 0;
            if (i + 9 <= mask)
                probes = 9;
            while (probes >= 0)
            {
                if (state[j] == 0)
                {
                    if (free >= 0)
                    {
                        put(free, key, h);
                        used = used + 1;
                        return;
                    }
                    put(j, key, h);
                    fill = fill + 1;
                    used = used + 1;
                    if (fill * 5 >= mask * 3)
                    {
                        if (used > 50000)
                            resize(used * 2);
                        else
                            resize(used * 4);
                    }
                    return;
                }
                if (state[j] == 1 && hashes[j] == h)
                {
                    if (keys[j].eq(key))
                        return;
                }
                else if (state[j] == 2 && free < 0)
                    free = j;
                j = j + 1;
                probes = probes - 1;
            }
            perturb = ushr5(perturb);
            i = (i * 5 + 1 + perturb) & mask;
        }
    }
    void put(var j : int, var key : pobject, var h : long)
    {
        keys[j] = key;
        hashes[j] = h;
        state[j] = 1;
    }
    // set_insert_clean: into a table without dummies or this key.
    void insertClean(var key : pobject, var h : long)
    {
        var i : long;
        var perturb : long;
        var j : int;
        var k : int;
        i = h & mask;
        perturb = h;
        while (1)
        {
            j = i;
            if (state[j] == 0)
            {
                put(j, key, h);
                return;
            }
            if (i + 9 <= mask)
            {
                k = 0;
                while (k < 9)
                {
                    j = j + 1;
                    if (state[j] == 0)
                    {
                        put(j, key, h);
                        return;
                    }
                    k = k + 1;
                }
            }
            perturb = ushr5(perturb);
            i = (i * 5 + 1 + perturb) & mask;
        }
    }
    void resize(var minused : int)
    {
        var oldKeys : pobject[];
        var oldHashes : long[];
        var oldState : int[];
        var size : int;
        var n : int;
        var i : int;
        var live : int;
        size = 8;
        while (size <= minused)
            size = size * 2;
        oldKeys = keys;
        oldHashes = hashes;
        oldState = state;
        n = mask + 1;
        live = used;
        setup(size);
        i = 0;
        while (i < n)
        {
            if (oldState[i] == 1)
                insertClean(oldKeys[i], oldHashes[i]);
            i = i + 1;
        }
        fill = live;
        used = live;
    }
    int discard(var key : pobject)
    {
        var j : int;
        j = lookup(key, key.hash64());
        if (j < 0)
            return 0;
        keys[j] = null;
        state[j] = 2;
        used = used - 1;
        return 1;
    }
    // set_merge: other's entries into this set.
    void merge(var other : pset)
    {
        var i : int;
        var n : int;
        if (other :== this || other.len_() == 0)
            return;
        if ((fill + other.len_()) * 5 >= mask * 3)
            resize((used + other.len_()) * 2);
        n = other.slots();
        if (fill == 0)
        {
            if (mask + 1 == n && other.fillCount() == other.len_())
            {
                // Same size, no dummies: the same layout.
                i = 0;
                while (i < n)
                {
                    if (other.stateAt(i) == 1)
                        put(i, other.keyAt(i), other.hashAt(i));
                    i = i + 1;
                }
                fill = other.len_();
                used = other.len_();
                return;
            }
            i = 0;
            while (i < n)
            {
                if (other.stateAt(i) == 1)
                    insertClean(other.keyAt(i), other.hashAt(i));
                i = i + 1;
            }
            fill = other.len_();
            used = other.len_();
            return;
        }
        i = 0;
        while (i < n)
        {
            if (other.stateAt(i) == 1)
                addKey(other.keyAt(i));
            i = i + 1;
        }
    }
    int fillCount() { return fill; }
    // For displays: add x, give the set back.
    pset with(var x : pobject)
    {
        addKey(x);
        return this;
    }
    // {1, 2, 3} with three or more constants: CPython builds a frozenset
    // constant and merges it into a new set, which can lay it out anew.
    pset viaConstant()
    {
        var r : pset;
        r = new pset();
        r.merge(this);
        return r;
    }
    void update(var it : pobject)
    {
        var x : pobject;
        if (it.tag() == 15)
        {
            merge((pset) it);
            return;
        }
        it = it.iter();
        x = it.next();
        while (x :!= null)
        {
            addKey(x);
            x = it.next();
        }
    }
    pset copy()
    {
        var r : pset;
        r = new pset();
        r.merge(this);
        return r;
    }
    pset asSet(var o : pobject)
    {
        var r : pset;
        if (o.tag() == 15)
            return (pset) o;
        r = new pset();
        r.update(o);
        return r;
    }
    pobject iter() { return new psetiter(this); }
    // set(x): a new set even when x is one.
    pset copyOrSelf(var src : pobject)
    {
        if (src :== this)
            return copy();
        return this;
    }
    string repr_()
    {
        var s : string;
        var i : int;
        var first : int;
        if (used == 0)
            return "set()";
        s = "{";
        first = 1;
        i = 0;
        while (i <= mask)
        {
            if (state[i] == 1)
            {
                if (first == 0)
                    s = s + ", ";
                s = s + keys[i].repr_();
                first = 0;
            }
            i = i + 1;
        }
        return s + "}";
    }
    int hash_() { throw err("TypeError", "unhashable type: 'set'"); }
    int subsetOf(var o : pset)
    {
        var i : int;
        if (used > o.len_())
            return 0;
        i = 0;
        while (i <= mask)
        {
            if (state[i] == 1)
            {
                if (o.contains(keys[i]) == 0)
                    return 0;
            }
            i = i + 1;
        }
        return 1;
    }
    int eq(var o : pobject)
    {
        if (o.tag() != 15)
            return 0;
        return used == o.len_() && subsetOf((pset) o);
    }
    int le(var o : pobject) { return subsetOf(asSetOp(o, "<=")); }
    int lt(var o : pobject) { return used < o.len_() && subsetOf(asSetOp(o, "<")); }
    int ge(var o : pobject) { return asSetOp(o, ">=").subsetOf(this); }
    int gt(var o : pobject) { return used > o.len_() && asSetOp(o, ">").subsetOf(this); }
    pset asSetOp(var o : pobject, var sym : string)
    {
        if (o.tag() != 15)
            throw err("TypeError", "'" + sym + "' not supported between instances of 'set' and '" + o.typeName() + "'");
        return (pset) o;
    }
    pset union(var o : pobject)
    {
        var r : pset;
        r = copy();
        r.update(o);
        return r;
    }
    pset intersection(var o : pobject)
    {
        var r : pset;
        var a : pset;
        var b : pset;
        var i : int;
        r = new pset();
        a = this;
        b = asSet(o);
        if (b.len_() > a.len_())
        {
            a = b;
            b = this;
        }
        i = 0;
        while (i < b.slots())
        {
            if (b.stateAt(i) == 1)
            {
                if (a.contains(b.keyAt(i)))
                    r.addKey(b.keyAt(i));
            }
            i = i + 1;
        }
        return r;
    }
    pset difference(var o : pobject)
    {
        var r : pset;
        var b : pset;
        var i : int;
        b = asSet(o);
        if (used / 4 > b.len_())
        {
            r = copy();
            i = 0;
            while (i < b.slots())
            {
                if (b.stateAt(i) == 1)
                    r.discard(b.keyAt(i));
                i = i + 1;
            }
            return r;
        }
        r = new pset();
        i = 0;
        while (i <= mask)
        {
            if (state[i] == 1)
            {
                if (b.contains(keys[i]) == 0)
                    r.addKey(keys[i]);
            }
            i = i + 1;
        }
        return r;
    }
    pset symdiff(var o : pobject)
    {
        var r : pset;
        var i : int;
        r = new pset();
        r.update(o);
        i = 0;
        while (i <= mask)
        {
            if (state[i] == 1)
            {
                if (r.discard(keys[i]) == 0)
                    r.addKey(keys[i]);
            }
            i = i + 1;
        }
        return r;
    }
    pobject bor(var o : pobject) { return union(asSetOp(o, "|")); }
    pobject band(var o : pobject) { return intersection(asSetOp(o, "&")); }
    pobject sub(var o : pobject) { return difference(asSetOp(o, "-")); }
    pobject bxor(var o : pobject) { return symdiff(asSetOp(o, "^")); }
    pobject callMethod(var name : string, var args : pobject[], var kw : pdict)
    {
        var r : pset;
        var i : int;
        var x : pobject;
        if (name == "add")
        {
            addKey(args[0]);
            return none();
        }
        if (name == "discard")
        {
            discard(args[0]);
            return none();
        }
        if (name == "remove")
        {
            if (discard(args[0]) == 0)
                throw errObj("KeyError", args[0]);
            return none();
        }
        if (name == "pop")
        {
            if (used == 0)
                throw err("KeyError", "pop from an empty set");
            i = finger;
            if (i > mask)
                i = 0;
            while (state[i] != 1)
            {
                i = i + 1;
                if (i > mask)
                    i = 0;
            }
            x = keys[i];
            keys[i] = null;
            state[i] = 2;
            used = used - 1;
            finger = i + 1;
            return x;
        }
        if (name == "clear")
        {
            setup(8);
            return none();
        }
        if (name == "copy")
            return copy();
        if (name == "update")
        {
            i = 0;
            while (i < args.size())
            {
                update(args[i]);
                i = i + 1;
            }
            return none();
        }
        if (name == "union" || name == "intersection" || name == "difference" || name == "symmetric_difference")
        {
            r = this;
            if (args.size() == 0)
                return copy();
            i = 0;
            while (i < args.size())
            {
                if (name == "union")
                    r = r.union(args[i]);
                else if (name == "intersection")
                    r = r.intersection(args[i]);
                else if (name == "difference")
                    r = r.difference(args[i]);
                else
                    r = r.symdiff(args[i]);
                i = i + 1;
            }
            return r;
        }
        if (name == "issubset")
            return bool_(subsetOf(asSet(args[0])));
        if (name == "issuperset")
            return bool_(asSet(args[0]).subsetOf(this));
        if (name == "isdisjoint")
            return bool_(intersection(args[0]).len_() == 0);
        throw errAttr(name);
    }
};

class psetiter extends pobject
{
    var s : pset;
    var i : int;
    var size : int;
    void psetiter(var x : pset)
    {
        s = x;
        i = 0;
        size = x.len_();
    }
    string typeName() { return "set_iterator"; }
    pobject iter() { return this; }
    pobject next()
    {
        if (s.len_() != size)
            throw err("RuntimeError", "Set changed size during iteration");
        while (i < s.slots())
        {
            i = i + 1;
            if (s.stateAt(i - 1) == 1)
                return s.keyAt(i - 1);
        }
        return null;
    }
};
