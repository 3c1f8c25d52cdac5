// The Python object model on the Phantom VM (docs/python.md).
//
// Every Python value is an object of a class derived from .py.pobject.
// The protocol below (arithmetic, comparison, truth, str/repr, items,
// iteration, attributes, calls) is what the code that python-frontend
// generates calls by ordinal; each value class overrides what its type
// supports and the defaults raise Python's TypeError. Internal results
// that Python never sees are Phantom ints and strings: truth() is an int,
// str_() a byte string, next() returns null when an iterator is done.

package .py;

class pobject
{
    // Type tags: cheap class tests without casts.
    int tag() { return 0; }
    string typeName() { return "object"; }
    ptype pyType() { return new ptype(typeName()); }

    int truth() { return 1; }
    string str_() { return repr_(); }
    string repr_() { return "<" + typeName() + " object>"; }
    string toString() { return str_(); }

    int hash_()
    {
        throw err("TypeError", "unhashable type: '" + typeName() + "'");
    }

    // CPython's 64-bit hash where sets and hash() show it (ints, bools,
    // tuples); elsewhere the 32-bit hash_ widened.
    long hash64() { return hash_(); }

    // Equality defaults to identity; ordering is a TypeError unless the
    // other operand is an instance with a reflected method.
    int eq(var o : pobject) { return this :== o; }
    int lt(var o : pobject) { return o.rcmp("__gt__", "<", this); }
    int le(var o : pobject) { return o.rcmp("__ge__", "<=", this); }
    int gt(var o : pobject) { return o.rcmp("__lt__", ">", this); }
    int ge(var o : pobject) { return o.rcmp("__le__", ">=", this); }
    // The reflected comparison `other OP this`, found as this.name(other).
    int rcmp(var name : string, var sym : string, var other : pobject)
    {
        throw rcmpErr(sym, other);
    }
    pobject rcmpErr(var sym : string, var other : pobject)
    {
        return err("TypeError", "'" + sym + "' not supported between instances of '" + other.typeName() + "' and '" + typeName() + "'");
    }

    // Binary operators: the left operand's method runs first and hands
    // over to the right operand's reflected method when it cannot.
    pobject add(var o : pobject) { return o.radd(this); }
    pobject sub(var o : pobject) { return o.rsub(this); }
    pobject mul(var o : pobject) { return o.rmul(this); }
    pobject floordiv(var o : pobject) { return o.rfloordiv(this); }
    pobject truediv(var o : pobject) { return o.rtruediv(this); }
    pobject mod(var o : pobject) { return o.rmod(this); }
    pobject pow(var o : pobject) { return o.rpow(this); }
    pobject lshift(var o : pobject) { return o.rlshift(this); }
    pobject rshift(var o : pobject) { return o.rrshift(this); }
    pobject band(var o : pobject) { return o.rband(this); }
    pobject bor(var o : pobject) { return o.rbor(this); }
    pobject bxor(var o : pobject) { return o.rbxor(this); }
    pobject radd(var o : pobject) { throw binErr("+", o); }
    pobject rsub(var o : pobject) { throw binErr("-", o); }
    pobject rmul(var o : pobject) { throw binErr("*", o); }
    pobject rfloordiv(var o : pobject) { throw binErr("//", o); }
    pobject rtruediv(var o : pobject) { throw binErr("/", o); }
    pobject rmod(var o : pobject) { throw binErr("%", o); }
    pobject rpow(var o : pobject) { throw binErr("** or pow()", o); }
    pobject rlshift(var o : pobject) { throw binErr("<<", o); }
    pobject rrshift(var o : pobject) { throw binErr(">>", o); }
    pobject rband(var o : pobject) { throw binErr("&", o); }
    pobject rbor(var o : pobject) { throw binErr("|", o); }
    pobject rbxor(var o : pobject) { throw binErr("^", o); }
    pobject binErr(var sym : string, var left : pobject)
    {
        return err("TypeError", "unsupported operand type(s) for " + sym + ": '" + left.typeName() + "' and '" + typeName() + "'");
    }

    pobject neg() { throw err("TypeError", "bad operand type for unary -: '" + typeName() + "'"); }
    pobject pos() { throw err("TypeError", "bad operand type for unary +: '" + typeName() + "'"); }
    pobject invert() { throw err("TypeError", "bad operand type for unary ~: '" + typeName() + "'"); }

    int len_() { throw errOf("TypeError", "object of type '", "' has no len()"); }
    pobject getitem(var k : pobject) { throw errOf("TypeError", "'", "' object is not subscriptable"); }
    void setitem(var k : pobject, var v : pobject) { throw errOf("TypeError", "'", "' object does not support item assignment"); }
    void delitem(var k : pobject) { throw errOf("TypeError", "'", "' object does not support item deletion"); }
    // An exception whose message names this object's type.
    pobject errOf(var name : string, var before : string, var after : string)
    {
        return err(name, before + typeName() + after);
    }
    int contains(var v : pobject) { return containsByIter(v); }
    int containsByIter(var v : pobject)
    {
        var it : pobject;
        var x : pobject;
        it = iter();
        x = it.next();
        while (x :!= null)
        {
            if (x.eq(v))
                return 1;
            x = it.next();
        }
        return 0;
    }
    pobject iter() { throw errOf("TypeError", "'", "' object is not iterable"); }
    // The next item, or null when the iterator is exhausted.
    pobject next() { throw errOf("TypeError", "'", "' object is not an iterator"); }

    pobject getattr(var name : string)
    {
        if (name == "__class__")
            return pyType();
        if (methodNames().strstr("|" + name + "|") >= 0)
            return new pbfunc(name, this);
        throw errAttr(name);
    }
    // The built-in methods callMethod answers, as "|a|b|" (for getattr).
    string methodNames() { return ""; }
    pobject errAttr(var name : string)
    {
        return err("AttributeError", "'" + typeName() + "' object has no attribute '" + name + "'");
    }
    void setattr(var name : string, var v : pobject)
    {
        throw err("AttributeError", "'" + typeName() + "' object has no attribute '" + name + "'");
    }
    void delattr(var name : string) { throw errAttr(name); }
    pobject call(var args : pobject[], var kw : pdict)
    {
        throw errOf("TypeError", "'", "' object is not callable");
    }
    // obj.name(args): types with built-in methods answer them here
    // without making a bound method first.
    pobject callMethod(var name : string, var args : pobject[], var kw : pdict)
    {
        return getattr(name).call(args, kw);
    }
    // Whether this is an int beyond 64 bits (pbig).
    int isBig() { return 0; }
    // Whether this is a Python exception instance (see pinst).
    int isExc() { return 0; }

    // ---- helpers every runtime object can use

    pobject none() { return new pnone(); }
    pobject bool_(var b : int)
    {
        if (b)
            return new pbool(1);
        return new pbool(0);
    }
    pobject int_(var v : long) { return new pint(v); }
    pobject str(var s : string) { return new pstr(s); }
    pobject intS(var s : string) { return new pbig().fromStr(s).norm(); }

    // A new instance of the built-in exception class `name`.
    pobject err(var name : string, var msg : string)
    {
        var a : pobject[];
        a = new pobject[]();
        a[0] = new pstr(msg);
        return new ptype(name).call(a, null);
    }

    // A new exception with one argument, an object (KeyError's key).
    pobject errObj(var name : string, var arg : pobject)
    {
        return new ptype(name).call(arr1(arg), null);
    }

    // `a is b`. None, booleans and built-in types are made afresh where
    // CPython shares one object, so those compare by value.
    int is_(var a : pobject, var b : pobject)
    {
        if (a :== b)
            return 1;
        if (a.tag() != b.tag())
            return 0;
        if (a.tag() == 1)
            return 1;
        if (a.tag() == 2)
            return a.eq(b);
        // CPython shares the ints -5..256: those are the same object.
        if (a.tag() == 3 && a.isBig() == 0 && b.isBig() == 0)
        {
            if (a.eq(b) && a.ge(new pint(-5)) && a.le(new pint(256)))
                return 1;
            return 0;
        }
        if (a.tag() == 10)
            return ((ptype) a).same((ptype) b);
        return 0;
    }

    // Converts what a catch caught into a Python exception: errors the VM
    // itself throws (strings) become RecursionError or SystemError.
    pobject pyExc(var x : .internal.object)
    {
        var s : string;
        if (x :== null)
            return err("SystemError", "null thrown");
        if (x.getClass().toString() == ".internal.string")
        {
            s = (string) x;
            if (s.strstr("stack overflow") >= 0)
                return err("RecursionError", "maximum recursion depth exceeded");
            if (s.strstr("division by zero") >= 0)
                return err("ZeroDivisionError", "division by zero");
            return err("SystemError", "Phantom VM: " + s);
        }
        return (pobject) x;
    }

    // `except T` test: T a class or a tuple of classes.
    int excMatch(var e : pobject, var t : pobject)
    {
        var i : int;
        var n : int;
        if (t.tag() == 6)
        {
            n = t.len_();
            i = 0;
            while (i < n)
            {
                if (excMatch(e, t.getitem(new pint(i))))
                    return 1;
                i = i + 1;
            }
            return 0;
        }
        if (t.tag() != 10)
            throw err("TypeError", "catching classes that do not inherit from BaseException is not allowed");
        return ((ptype) t).isSuperOf(e.pyType());
    }

    // The object `raise x` throws: a class is instantiated.
    pobject mkExc(var x : pobject)
    {
        if (x.tag() == 10)
            x = x.call(new pobject[](), null);
        if (x.isExc() == 0)
            throw err("TypeError", "exceptions must derive from BaseException");
        return x;
    }

    pobject mkSuper(var cls : pobject, var self : pobject)
    {
        return new psuper((ptype) cls, self);
    }

    // s from byte i on; empty past the end (substring throws there).
    string tail(var s : string, var i : int)
    {
        if (i >= s.length())
            return "";
        return s.substring(i, s.length() - i);
    }
    // n bytes of s from i, clamped; empty past the end.
    string sub(var s : string, var i : int, var n : int)
    {
        if (n <= 0 || i >= s.length())
            return "";
        return s.substring(i, n);
    }
    // The byte at i, or -1 outside the string (Phantom's && evaluates
    // both sides, so loops test bounds through this).
    int at(var s : string, var i : int)
    {
        if (i < 0 || i >= s.length())
            return -1;
        return s.charAt(i);
    }
    pobject[] one(var x : .internal.object)
    {
        var r : pobject[];
        r = new pobject[]();
        r[0] = x;
        return r;
    }

    // Truth of an object that may be null (an unbound name).
    int isNull(var o : .internal.object) { return o :== null; }


    // ---- builders the generated code uses in expressions

    pobject[] arr0() { return new pobject[](); }
    pobject[] arr1(var a : pobject) { var r : pobject[]; r = new pobject[](); r[0] = a; return r; }
    pobject[] arr2(var a : pobject, var b : pobject) { var r : pobject[]; r = arr1(a); r[1] = b; return r; }
    pobject[] arr3(var a : pobject, var b : pobject, var c : pobject) { var r : pobject[]; r = arr2(a, b); r[2] = c; return r; }
    pobject[] arr4(var a : pobject, var b : pobject, var c : pobject, var d : pobject) { var r : pobject[]; r = arr3(a, b, c); r[3] = d; return r; }
    pobject[] arrPush(var r : pobject[], var x : pobject) { r[r.size()] = x; return r; }
    pobject[] arrExtend(var r : pobject[], var it : pobject)
    {
        var x : pobject;
        it = it.iter();
        x = it.next();
        while (x :!= null)
        {
            r[r.size()] = x;
            x = it.next();
        }
        return r;
    }
    pdict kwPut(var d : pdict, var k : string, var v : pobject)
    {
        if (d.contains(new pstr(k)))
            throw err("TypeError", "got multiple values for keyword argument '" + k + "'");
        d.put(new pstr(k), v);
        return d;
    }
    pdict kwUpdate(var d : pdict, var m : pobject)
    {
        var i : int;
        var src : pdict;
        if (m.tag() != 7)
            throw err("TypeError", "argument after ** must be a mapping, not " + m.typeName());
        src = (pdict) m;
        i = 0;
        while (i < src.entries())
        {
            if (src.keyAt(i) :!= null)
                kwPut(d, src.keyAt(i).str_(), src.valAt(i));
            i = i + 1;
        }
        return d;
    }
    // a, b = value: exactly n items.
    pobject[] unpack(var o : pobject, var n : int)
    {
        var r : pobject[];
        var it : pobject;
        var x : pobject;
        var i : int;
        r = new pobject[]();
        it = o.iter();
        i = 0;
        x = it.next();
        while (x :!= null)
        {
            if (i >= n)
                throw err("ValueError", "too many values to unpack (expected " + n + ")");
            r[i] = x;
            i = i + 1;
            x = it.next();
        }
        if (i < n)
            throw err("ValueError", "not enough values to unpack (expected " + n + ", got " + i + ")");
        return r;
    }
    // a, *b, c = value: `before` items, a list, `after` items.
    pobject[] unpackStar(var o : pobject, var before : int, var after : int)
    {
        var l : plist;
        var r : pobject[];
        var rest : plist;
        var i : int;
        l = toList(o);
        if (l.len_() < before + after)
            throw err("ValueError", "not enough values to unpack (expected at least " + (before + after) + ", got " + l.len_() + ")");
        r = new pobject[]();
        i = 0;
        while (i < before)
        {
            r[i] = l.at(i);
            i = i + 1;
        }
        rest = new plist();
        while (i < l.len_() - after)
        {
            rest.append(l.at(i));
            i = i + 1;
        }
        r[before] = rest;
        while (i < l.len_())
        {
            r[r.size()] = l.at(i);
            i = i + 1;
        }
        return r;
    }
    // x += y: lists extend in place, everything else is x + y.
    pobject iadd(var o : pobject) { return add(o); }
    // An f-string field: conversion (-1, 's', 'r'), then the format spec.
    pobject fmtValue(var v : pobject, var conv : int, var sp : pobject)
    {
        if (conv == 115)
            v = new pstr(v.str_());
        if (conv == 114 || conv == 97)
            v = new pstr(v.repr_());
        return new pstr(new pfmt().spec(v, sp.str_()));
    }
    // Whether the program ends quietly on e (SystemExit with no code, None or 0).
    int exitQuietly(var e : pobject)
    {
        var a : pobject;
        if (e.isExc() == 0)
            return 0;
        if (excMatch(e, new ptype("SystemExit")) == 0)
            return 0;
        a = e.getattr("args");
        if (a.len_() == 0)
            return 1;
        a = a.getitem(new pint(0));
        if (a.tag() == 1)
            return 1;
        if (a.tag() == 3)
            return ((pint) a).val() == 0;
        return 0;
    }
    // What the VM reports for an exception the program did not catch:
    // CPython's last traceback line.
    string uncaught(var e : pobject)
    {
        return "Traceback (most recent call last):\n" + e.toString();
    }
    // break (1) or continue (2) leaving a try block, thrown as a pctl; 0
    // for anything else.
    int ctlKind(var x : .internal.object)
    {
        if (x :== null)
            return 0;
        if (x.getClass().toString() == ".py.pctl")
            return ((pctl) x).kind();
        return 0;
    }
    pobject builtin(var name : string, var args : pobject[], var kw : pdict)
    {
        return new pbuiltins().call(name, args, kw);
    }
    pobject notImpl() { return new pnotimpl(); }
    pobject slice(var a : pobject, var b : pobject, var c : pobject) { return new pslice(a, b, c); }

    // ---- str helpers

    // One-byte string for a byte value (ASCII only).
    string chr1(var c : int)
    {
        var t : string;
        if (c == 10)
            return "\n";
        if (c == 9)
            return "\t";
        if (c == 13)
            return "\r";
        if (c < 32 || c > 126)
            throw err("ValueError", "chr(" + c + "): only ASCII text is supported yet");
        t = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";
        return sub(t, c - 32, 1);
    }

    string reprStr(var s : string)
    {
        var q : string;
        var out : string;
        var i : int;
        var n : int;
        var c : int;
        q = "'";
        if (s.strstr("'") >= 0)
        {
            if (s.strstr("\"") < 0)
                q = "\"";
        }
        out = q;
        n = s.length();
        i = 0;
        while (i < n)
        {
            c = s.charAt(i);
            if (c == 92)
                out = out + "\\\\";
            else if (c == 10)
                out = out + "\\n";
            else if (c == 9)
                out = out + "\\t";
            else if (c == 13)
                out = out + "\\r";
            else if (c == 39)
            {
                if (q == "'")
                    out = out + "\\'";
                else
                    out = out + "'";
            }
            else if (c < 32 || c == 127)
                out = out + "\\x" + hex2(c);
            else
                out = out + sub(s, i, 1);
            i = i + 1;
        }
        return out + q;
    }

    string hex2(var c : int)
    {
        var d : string;
        d = "0123456789abcdef";
        return sub(d, c / 16, 1) + sub(d, c % 16, 1);
    }

    // repr of a sequence's items between open and close.
    string reprItems(var a : pobject[], var n : int, var open : string, var close : string)
    {
        var s : string;
        var i : int;
        var x : pobject;
        s = open;
        i = 0;
        while (i < n)
        {
            if (i > 0)
                s = s + ", ";
            x = a[i];
            s = s + x.repr_();
            i = i + 1;
        }
        return s + close;
    }

    // An index into a sequence of n items, negative from the end.
    int seqIndex(var k : pobject, var n : int, var what : string)
    {
        var i : long;
        if (k.tag() != 3)
        {
            if (k.tag() != 2)
                throw err("TypeError", what + " indices must be integers or slices, not " + k.typeName());
        }
        i = ((pint) k).val();
        if (i < 0)
            i = i + n;
        if (i < 0 || i >= n)
            throw err("IndexError", what + " index out of range");
        return i;
    }

    // The items of an iterable, into a new array; the count goes to the
    // array's slot... callers use pseq.
    plist toList(var o : pobject)
    {
        var l : plist;
        var it : pobject;
        var x : pobject;
        l = new plist();
        it = o.iter();
        x = it.next();
        while (x :!= null)
        {
            l.append(x);
            x = it.next();
        }
        return l;
    }
};

// A break or continue on its way out of a try block (docs/python.md).
class pctl
{
    var k : int;
    void pctl(var x : int) { k = x; }
    int kind() { return k; }
};

class pnone extends pobject
{
    int tag() { return 1; }
    string typeName() { return "NoneType"; }
    int truth() { return 0; }
    string repr_() { return "None"; }
    int hash_() { return 1; }
    int eq(var o : pobject) { return o.tag() == 1; }
};

class pnotimpl extends pobject
{
    int tag() { return 20; }
    string typeName() { return "NotImplementedType"; }
    string repr_() { return "NotImplemented"; }
};

// Integers of 64 bits; a result that does not fit raises OverflowError
// (arbitrary precision is not there yet: docs/python.md).
class pint extends pobject
{
    var v : long;

    void pint() { v = 0; }
    void pint(var x : long) { v = x; }
    long val() { return v; }
    int tag() { return 3; }
    string typeName() { return "int"; }
    int truth() { return v != 0; }
    string repr_() { return "" + v; }
    int hash_()
    {
        var h : long;
        h = v % 2147483647;
        if (v == -1)
            return -2;
        return h;
    }
    // x mod 2**61 - 1, keeping the sign; -1 is -2.
    long hash64()
    {
        var p : long;
        var r : long;
        p = 1073741824;
        p = p * 1073741824 * 2 - 1;
        r = v % p;
        if (r == -1)
            return -2;
        return r;
    }
    // Other operand as an int, or the caller hands over.
    int isInt(var o : pobject)
    {
        if (o.tag() == 3)
            return 1;
        return o.tag() == 2;
    }
    int eq(var o : pobject)
    {
        var w : long;
        if (isInt(o))
        {
            if (o.isBig())
                return 0;
            w = ((pint) o).val();
            return v == w;
        }
        return 0;
    }
    // Comparisons go through a local: comparing the field with the call
    // result directly gave wrong answers for mixed int/bool operands.
    // With a pbig on the right: its sign says it all (pbigs never fit).
    int vsBig(var o : pobject) { return 0 - ((pbig) o).isNeg() * 2 + 1; }
    int lt(var o : pobject) { var w : long; if (isInt(o)) { if (o.isBig()) return vsBig(o) > 0; w = ((pint) o).val(); return v < w; } return o.rcmp("__gt__", "<", this); }
    int le(var o : pobject) { var w : long; if (isInt(o)) { if (o.isBig()) return vsBig(o) > 0; w = ((pint) o).val(); return v <= w; } return o.rcmp("__ge__", "<=", this); }
    int gt(var o : pobject) { var w : long; if (isInt(o)) { if (o.isBig()) return vsBig(o) < 0; w = ((pint) o).val(); return v > w; } return o.rcmp("__lt__", ">", this); }
    int ge(var o : pobject) { var w : long; if (isInt(o)) { if (o.isBig()) return vsBig(o) < 0; w = ((pint) o).val(); return v >= w; } return o.rcmp("__le__", ">=", this); }

    // A result beyond 64 bits: computed again with pbig.
    pbig big(var o : pobject) { return new pbig().big(o); }
    pbig bigL(var x : long) { return new pbig().fromLong(x); }
    pobject addL(var a : long, var b : long)
    {
        var r : long;
        r = a + b;
        if (a >= 0 && b >= 0 && r < 0)
            return bigL(a).add(bigL(b));
        if (a < 0 && b < 0 && r >= 0)
            return bigL(a).add(bigL(b));
        return new pint(r);
    }
    pobject subL(var a : long, var b : long)
    {
        var r : long;
        r = a - b;
        if (a >= 0 && b < 0 && r < 0)
            return bigL(a).sub(bigL(b));
        if (a < 0 && b >= 0 && r >= 0)
            return bigL(a).sub(bigL(b));
        return new pint(r);
    }
    pobject mulL(var a : long, var b : long)
    {
        var r : long;
        var m : long;
        r = a * b;
        if (a != 0)
        {
            if (r / a != b)
                return bigL(a).mul(bigL(b));
            m = -9223372;
            m = m * 1000000;
            m = m * 1000000;
            m = m - 854775808;
            if (a == -1 && b == m)
                return bigL(a).mul(bigL(b));
        }
        return new pint(r);
    }
    pobject add(var o : pobject)
    {
        if (isInt(o))
        {
            if (o.isBig())
                return big(this).add(o);
            return addL(v, ((pint) o).val());
        }
        return o.radd(this);
    }
    pobject sub(var o : pobject)
    {
        if (isInt(o))
        {
            if (o.isBig())
                return big(this).sub(o);
            return subL(v, ((pint) o).val());
        }
        return o.rsub(this);
    }
    pobject mul(var o : pobject)
    {
        if (isInt(o))
        {
            if (o.isBig())
                return big(this).mul(o);
            return mulL(v, ((pint) o).val());
        }
        return o.rmul(this);
    }
    pobject floordiv(var o : pobject)
    {
        var b : long;
        var q : long;
        if (isInt(o) == 0)
            return o.rfloordiv(this);
        if (o.isBig())
            return big(this).floordiv(o);
        b = ((pint) o).val();
        if (b == 0)
            throw err("ZeroDivisionError", "integer division or modulo by zero");
        if (b == -1)
            return subL(0, v);
        q = v / b;
        if (q * b != v)
        {
            if ((v < 0) != (b < 0))
                q = q - 1;
        }
        return new pint(q);
    }
    pobject mod(var o : pobject)
    {
        var b : long;
        var r : long;
        if (isInt(o) == 0)
            return o.rmod(this);
        if (o.isBig())
            return big(this).mod(o);
        b = ((pint) o).val();
        if (b == 0)
            throw err("ZeroDivisionError", "integer modulo by zero");
        if (b == -1)
            return new pint(0);
        r = v % b;
        if (r != 0)
        {
            if ((r < 0) != (b < 0))
                r = r + b;
        }
        return new pint(r);
    }
    pobject truediv(var o : pobject)
    {
        if (isInt(o) == 0)
            return o.rtruediv(this);
        throw err("NotImplementedError", "float results (true division) are not supported yet");
    }
    pobject pow(var o : pobject)
    {
        var e : long;
        var r : pobject;
        var base : pobject;
        if (isInt(o) == 0)
            return o.rpow(this);
        e = ((pint) o).val();
        if (e < 0)
            throw err("NotImplementedError", "negative powers (float results) are not supported yet");
        r = new pint(1);
        base = this;
        while (e > 0)
        {
            if (e % 2 == 1)
                r = r.mul(base);
            e = e / 2;
            if (e > 0)
                base = base.mul(base);
        }
        return r;
    }
    pobject lshift(var o : pobject)
    {
        var n : long;
        var r : pobject;
        if (isInt(o) == 0)
            return o.rlshift(this);
        n = ((pint) o).val();
        if (n < 0)
            throw err("ValueError", "negative shift count");
        r = this;
        while (n > 0)
        {
            r = r.mul(new pint(2));
            n = n - 1;
        }
        return r;
    }
    pobject rshift(var o : pobject)
    {
        var n : long;
        var r : long;
        if (isInt(o) == 0)
            return o.rrshift(this);
        n = ((pint) o).val();
        if (n < 0)
            throw err("ValueError", "negative shift count");
        r = v;
        while (n > 0)
        {
            if (r < 0 && r % 2 != 0)
                r = r / 2 - 1;
            else
                r = r / 2;
            n = n - 1;
        }
        return new pint(r);
    }
    pobject band(var o : pobject) { if (isInt(o)) return new pint(v & ((pint) o).val()); return o.rband(this); }
    pobject bor(var o : pobject) { if (isInt(o)) return new pint(v | ((pint) o).val()); return o.rbor(this); }
    pobject bxor(var o : pobject)
    {
        var b : long;
        var x : long;
        if (isInt(o) == 0)
            return o.rbxor(this);
        b = ((pint) o).val();
        // a ^ b is (a | b) - (a & b): the two have no bit in common.
        x = v | b;
        b = v & b;
        return new pint(x - b);
    }
    pobject neg() { return subL(0, v); }
    pobject pos() { return new pint(v); }
    pobject invert() { return new pint(v ~); }
};

class pbool extends pint
{
    void pbool(var b : int) { v = b; }
    int tag() { return 2; }
    string typeName() { return "bool"; }
    string repr_()
    {
        if (v != 0)
            return "True";
        return "False";
    }
};

class pstr extends pobject
{
    var s : string;

    void pstr(var x : string) { s = x; }
    string raw() { return s; }
    int tag() { return 4; }
    string typeName() { return "str"; }
    string methodNames()
    {
        return "|split|join|strip|lstrip|rstrip|replace|find|index|rfind|count|startswith|endswith|upper|lower|capitalize|title|isdigit|isnumeric|isdecimal|isalpha|isalnum|isspace|isupper|islower|ljust|rjust|center|zfill|format|splitlines|partition|removeprefix|removesuffix|swapcase|rindex|rsplit|";
    }
    int truth() { return s.length() != 0; }
    string str_() { return s; }
    string repr_() { return reprStr(s); }
    int hash_() { return s.hashCode(); }
    int len_() { return s.length(); }
    int eq(var o : pobject)
    {
        if (o.tag() == 4)
            return s == ((pstr) o).raw();
        return 0;
    }
    // Byte-wise order, which is code point order for ASCII.
    int cmp(var o : pobject, var sym : string)
    {
        var t : string;
        var i : int;
        var n : int;
        var a : int;
        var b : int;
        if (o.tag() != 4)
            throw err("TypeError", "'" + sym + "' not supported between instances of 'str' and '" + o.typeName() + "'");
        t = ((pstr) o).raw();
        n = s.length();
        if (t.length() < n)
            n = t.length();
        i = 0;
        while (i < n)
        {
            a = s.charAt(i);
            b = t.charAt(i);
            if (a != b)
                return a - b;
            i = i + 1;
        }
        return s.length() - t.length();
    }
    int lt(var o : pobject) { return cmp(o, "<") < 0; }
    int le(var o : pobject) { return cmp(o, "<=") <= 0; }
    int gt(var o : pobject) { return cmp(o, ">") > 0; }
    int ge(var o : pobject) { return cmp(o, ">=") >= 0; }
    pobject add(var o : pobject)
    {
        if (o.tag() == 4)
            return new pstr(s + ((pstr) o).raw());
        throw err("TypeError", "can only concatenate str (not \"" + o.typeName() + "\") to str");
    }
    pobject mul(var o : pobject)
    {
        var n : long;
        var r : string;
        if (o.tag() != 3)
        {
            if (o.tag() != 2)
                return o.rmul(this);
        }
        n = ((pint) o).val();
        r = "";
        while (n > 0)
        {
            r = r + s;
            n = n - 1;
        }
        return new pstr(r);
    }
    pobject rmul(var o : pobject) { return mul(o); }
    pobject mod(var o : pobject) { return new pstr(new pfmt().percent(s, o)); }
    pobject getitem(var k : pobject)
    {
        if (k.tag() == 21)
            return new pstr(((pslice) k).sliceStr(s));
        return new pstr(sub(s, seqIndex(k, s.length(), "string"), 1));
    }
    int contains(var v : pobject)
    {
        if (v.tag() != 4)
            throw err("TypeError", "'in <string>' requires string as left operand, not " + v.typeName());
        return s.strstr(((pstr) v).raw()) >= 0;
    }
    pobject iter() { return new pseqiter(this, s.length()); }
    pobject callMethod(var name : string, var args : pobject[], var kw : pdict)
    {
        return new pstrmethods().run(s, name, args, kw);
    }
};

// Slices: start, stop and step, each None or an int.
class pslice extends pobject
{
    var lo : pobject;
    var hi : pobject;
    var st : pobject;
    var rStart : int;
    var rStep : int;
    var rCount : int;

    void pslice(var a : pobject, var b : pobject, var c : pobject)
    {
        lo = a;
        hi = b;
        st = c;
    }
    int tag() { return 21; }
    string typeName() { return "slice"; }
    int idx(var o : pobject, var dflt : int)
    {
        if (o.tag() == 1)
            return dflt;
        if (o.tag() != 3)
        {
            if (o.tag() != 2)
                throw err("TypeError", "slice indices must be integers or None");
        }
        return ((pint) o).val();
    }
    // Sets rStart, rStep and rCount for a sequence of n items.
    void resolve(var n : int)
    {
        var a : int;
        var b : int;
        var c : int;
        c = idx(st, 1);
        if (c == 0)
            throw err("ValueError", "slice step cannot be zero");
        if (c > 0)
        {
            a = idx(lo, 0);
            b = idx(hi, n);
            if (a < 0)
                a = a + n;
            if (a < 0)
                a = 0;
            if (a > n)
                a = n;
            if (b < 0)
                b = b + n;
            if (b < 0)
                b = 0;
            if (b > n)
                b = n;
            rCount = 0;
            if (b > a)
                rCount = (b - a + c - 1) / c;
        }
        else
        {
            a = idx(lo, n - 1);
            b = idx(hi, -1 - n);
            if (a < 0)
                a = a + n;
            if (a < -1)
                a = -1;
            if (a > n - 1)
                a = n - 1;
            if (b < 0)
                b = b + n;
            if (b < -1)
                b = -1;
            if (b > n - 1)
                b = n - 1;
            rCount = 0;
            if (a > b)
                rCount = (a - b - c - 1) / (-c);
        }
        rStart = a;
        rStep = c;
    }
    int start() { return rStart; }
    int step() { return rStep; }
    int count() { return rCount; }
    string sliceStr(var s : string)
    {
        var r : string;
        var i : int;
        var j : int;
        resolve(s.length());
        if (rStep == 1)
            return sub(s, rStart, rCount);
        r = "";
        i = 0;
        j = rStart;
        while (i < rCount)
        {
            r = r + sub(s, j, 1);
            j = j + rStep;
            i = i + 1;
        }
        return r;
    }
};

// Iterates anything with getitem over 0..n-1 (str, list, tuple).
class pseqiter extends pobject
{
    var seq : pobject;
    var i : int;
    var n : int;
    void pseqiter(var q : pobject, var count : int)
    {
        seq = q;
        i = 0;
        n = count;
    }
    string typeName() { return "iterator"; }
    pobject iter() { return this; }
    pobject next()
    {
        var x : pobject;
        if (i >= n)
            return null;
        if (seq.len_() < n)
        {
            // The list shrank while iterating.
            n = seq.len_();
            if (i >= n)
                return null;
        }
        x = seq.getitem(new pint(i));
        i = i + 1;
        return x;
    }
};

// list and tuple share their storage: an array and a count.
class pseq extends pobject
{
    var a : pobject[];
    var n : int;

    void pseq()
    {
        a = new pobject[]();
        n = 0;
    }
    pobject[] items() { return a; }
    int len_() { return n; }
    int truth() { return n != 0; }
    void append(var x : pobject)
    {
        a[n] = x;
        n = n + 1;
    }
    pseq push(var x : pobject)
    {
        a[n] = x;
        n = n + 1;
        return this;
    }
    pobject at(var i : int) { return a[i]; }
    pobject getitem(var k : pobject)
    {
        var r : pseq;
        var sl : pslice;
        var i : int;
        var j : int;
        if (k.tag() == 21)
        {
            sl = (pslice) k;
            sl.resolve(n);
            r = empty();
            i = 0;
            j = sl.start();
            while (i < sl.count())
            {
                r.append(a[j]);
                j = j + sl.step();
                i = i + 1;
            }
            return r;
        }
        return a[seqIndex(k, n, typeName())];
    }
    // A new empty sequence of this type.
    pseq empty() { return new plist(); }
    pobject iter() { return new pseqiter(this, n); }
    int eq(var o : pobject)
    {
        var b : pseq;
        var i : int;
        var x : pobject;
        if (o.tag() != tag())
            return 0;
        b = (pseq) o;
        if (b.len_() != n)
            return 0;
        i = 0;
        while (i < n)
        {
            x = a[i];
            if (x.eq(b.at(i)) == 0)
                return 0;
            i = i + 1;
        }
        return 1;
    }
    // Lexicographic comparison: negative, zero or positive.
    int cmp(var o : pobject, var sym : string)
    {
        var b : pseq;
        var i : int;
        var x : pobject;
        var y : pobject;
        if (o.tag() != tag())
            throw err("TypeError", "'" + sym + "' not supported between instances of '" + typeName() + "' and '" + o.typeName() + "'");
        b = (pseq) o;
        i = 0;
        while (i < n && i < b.len_())
        {
            x = a[i];
            y = b.at(i);
            if (x.eq(y) == 0)
            {
                if (x.lt(y))
                    return -1;
                return 1;
            }
            i = i + 1;
        }
        return n - b.len_();
    }
    int lt(var o : pobject) { return cmp(o, "<") < 0; }
    int le(var o : pobject) { return cmp(o, "<=") <= 0; }
    int gt(var o : pobject) { return cmp(o, ">") > 0; }
    int ge(var o : pobject) { return cmp(o, ">=") >= 0; }
    pobject add(var o : pobject)
    {
        var r : pseq;
        var b : pseq;
        var i : int;
        if (o.tag() != tag())
            throw err("TypeError", "can only concatenate " + typeName() + " (not \"" + o.typeName() + "\") to " + typeName());
        b = (pseq) o;
        r = empty();
        i = 0;
        while (i < n)
        {
            r.append(a[i]);
            i = i + 1;
        }
        i = 0;
        while (i < b.len_())
        {
            r.append(b.at(i));
            i = i + 1;
        }
        return r;
    }
    pobject mul(var o : pobject)
    {
        var r : pseq;
        var k : long;
        var i : int;
        if (o.tag() != 3)
        {
            if (o.tag() != 2)
                return o.rmul(this);
        }
        k = ((pint) o).val();
        r = empty();
        while (k > 0)
        {
            i = 0;
            while (i < n)
            {
                r.append(a[i]);
                i = i + 1;
            }
            k = k - 1;
        }
        return r;
    }
    pobject rmul(var o : pobject) { return mul(o); }
    int indexOf(var x : pobject)
    {
        var i : int;
        var y : pobject;
        i = 0;
        while (i < n)
        {
            y = a[i];
            if (y.eq(x))
                return i;
            i = i + 1;
        }
        return -1;
    }
    int countOf(var x : pobject)
    {
        var i : int;
        var c : int;
        var y : pobject;
        i = 0;
        c = 0;
        while (i < n)
        {
            y = a[i];
            if (y.eq(x))
                c = c + 1;
            i = i + 1;
        }
        return c;
    }
    int contains(var x : pobject) { return indexOf(x) >= 0; }
    ptuple asTuple()
    {
        var t : ptuple;
        var i : int;
        t = new ptuple();
        i = 0;
        while (i < n)
        {
            t.append(a[i]);
            i = i + 1;
        }
        return t;
    }
};

class ptuple extends pseq
{
    int tag() { return 6; }
    string typeName() { return "tuple"; }
    string methodNames() { return "|index|count|"; }
    pseq empty() { return new ptuple(); }
    string repr_()
    {
        if (n == 1)
            return reprItems(a, n, "(", ",)");
        return reprItems(a, n, "(", ")");
    }
    int hash_()
    {
        var h : int;
        var i : int;
        var x : pobject;
        h = 3430008;
        i = 0;
        while (i < n)
        {
            x = a[i];
            h = h * 1000003 + x.hash_();
            i = i + 1;
        }
        return h;
    }
    // CPython 3.11's tuple hash (xxHash-style lanes). Shifts are spelled
    // with multiplication and unsigned division, as Phantom has no shifts.
    long hash64()
    {
        var acc : long;
        var lane : long;
        var p1 : long;
        var p2 : long;
        var p5 : long;
        var i : int;
        var x : pobject;
        p1 = -7046029;
        p1 = p1 * 1000000000 - 288634856;
        p1 = p1 * 1000 - 825;
        p2 = -4417276;
        p2 = p2 * 1000000000 - 706812531;
        p2 = p2 * 1000 - 889;
        p5 = 2870177;
        p5 = p5 * 1000000000 + 450012600;
        p5 = p5 * 1000 + 261;
        acc = p5;
        i = 0;
        while (i < n)
        {
            x = a[i];
            lane = x.hash64();
            acc = acc + lane * p2;
            acc = rotl31(acc);
            acc = acc * p1;
            i = i + 1;
        }
        lane = n;
        acc = acc + xorL(lane, xorL(p5, 3527539));
        if (acc == -1)
            return 1546275796;
        return acc;
    }
    long xorL(var a1 : long, var b1 : long)
    {
        var o : long;
        var d : long;
        o = a1 | b1;
        d = a1 & b1;
        return o - d;
    }
    // (x << 31) | (x >> 33) on the unsigned 64 bits of x.
    long rotl31(var x : long)
    {
        var hi : long;
        var lo : long;
        var two31 : long;
        var two33 : long;
        two31 = 1073741824;
        two31 = two31 * 2;
        two33 = two31 * 4;
        hi = x * two31;
        // x >> 33 unsigned: floor division, then the sign bit's share.
        lo = x / two33;
        if (x < 0)
        {
            if (lo * two33 != x)
                lo = lo - 1;
            lo = lo + two31;
        }
        return hi | lo;
    }
    pobject callMethod(var name : string, var args : pobject[], var kw : pdict)
    {
        if (name == "index")
        {
            if (indexOf(args[0]) < 0)
                throw err("ValueError", "tuple.index(x): x not in tuple");
            return new pint(indexOf(args[0]));
        }
        if (name == "count")
            return new pint(countOf(args[0]));
        throw err("AttributeError", "'tuple' object has no attribute '" + name + "'");
    }
};

class plist extends pseq
{
    pobject iadd(var o : pobject)
    {
        var a1 : pobject[];
        a1 = arr1(o);
        callMethod("extend", a1, null);
        return this;
    }
    int tag() { return 5; }
    string typeName() { return "list"; }
    string methodNames() { return "|append|pop|extend|insert|remove|index|count|reverse|clear|copy|sort|"; }
    string repr_() { return reprItems(a, n, "[", "]"); }
    void setitem(var k : pobject, var v : pobject)
    {
        var sl : pslice;
        var items : plist;
        var i : int;
        var j : int;
        if (k.tag() == 21)
        {
            sl = (pslice) k;
            sl.resolve(n);
            items = toList(v);
            if (sl.step() == 1)
            {
                // Replace the range: remove it, then insert the items.
                i = 0;
                while (i < sl.count())
                {
                    removeAt(sl.start());
                    i = i + 1;
                }
                i = 0;
                while (i < items.len_())
                {
                    insertAt(sl.start() + i, items.at(i));
                    i = i + 1;
                }
                return;
            }
            if (items.len_() != sl.count())
                throw err("ValueError", "attempt to assign sequence of size " + items.len_() + " to extended slice of size " + sl.count());
            i = 0;
            j = sl.start();
            while (i < sl.count())
            {
                a[j] = items.at(i);
                j = j + sl.step();
                i = i + 1;
            }
            return;
        }
        a[seqIndex(k, n, "list assignment")] = v;
    }
    void delitem(var k : pobject)
    {
        var sl : pslice;
        var keep : pobject[];
        var i : int;
        var j : int;
        var m : int;
        if (k.tag() == 21)
        {
            sl = (pslice) k;
            sl.resolve(n);
            // Mark the slice's items, then keep the others.
            keep = new pobject[]();
            i = 0;
            j = sl.start();
            while (i < sl.count())
            {
                a[j] = null;
                j = j + sl.step();
                i = i + 1;
            }
            m = 0;
            i = 0;
            while (i < n)
            {
                if (a[i] :!= null)
                {
                    keep[m] = a[i];
                    m = m + 1;
                }
                i = i + 1;
            }
            a = keep;
            n = m;
            return;
        }
        removeAt(seqIndex(k, n, "list assignment"));
    }
    pobject removeAt(var i : int)
    {
        var x : pobject;
        x = a[i];
        while (i < n - 1)
        {
            a[i] = a[i + 1];
            i = i + 1;
        }
        n = n - 1;
        a[n] = null;
        return x;
    }
    void insertAt(var i : int, var x : pobject)
    {
        var j : int;
        if (i < 0)
            i = i + n;
        if (i < 0)
            i = 0;
        if (i > n)
            i = n;
        j = n;
        while (j > i)
        {
            a[j] = a[j - 1];
            j = j - 1;
        }
        a[i] = x;
        n = n + 1;
    }
    void reverse()
    {
        var i : int;
        var j : int;
        var t : .internal.object;
        i = 0;
        j = n - 1;
        while (i < j)
        {
            t = a[i];
            a[i] = a[j];
            a[j] = t;
            i = i + 1;
            j = j - 1;
        }
    }
    // Stable merge sort by key (keys null: by the items), optionally reversed.
    void sort(var key : pobject, var rev : int)
    {
        var keys : pobject[];
        var idx : .internal.object[];
        var tmp : .internal.object[];
        var out : pobject[];
        var i : int;
        keys = new pobject[]();
        idx = new .internal.object[]();
        tmp = new .internal.object[]();
        i = 0;
        while (i < n)
        {
            if (key :== null)
                keys[i] = a[i];
            else
                keys[i] = key.call(one(a[i]), null);
            idx[i] = i;
            tmp[i] = i;
            i = i + 1;
        }
        msort(keys, idx, tmp, 0, n, rev);
        out = new pobject[]();
        i = 0;
        while (i < n)
        {
            out[i] = a[(int) idx[i]];
            i = i + 1;
        }
        a = out;
    }
    // Whether key j must come before key i (strictly), honouring reverse
    // while staying stable.
    int before(var keys : pobject[], var j : int, var i : int, var rev : int)
    {
        var kj : pobject;
        var ki : pobject;
        kj = keys[j];
        ki = keys[i];
        if (rev)
            return ki.lt(kj);
        return kj.lt(ki);
    }
    void msort(var keys : pobject[], var idx : .internal.object[], var tmp : .internal.object[], var lo : int, var hi : int, var rev : int)
    {
        var mid : int;
        var i : int;
        var j : int;
        var k : int;
        if (hi - lo < 2)
            return;
        mid = (lo + hi) / 2;
        msort(keys, idx, tmp, lo, mid, rev);
        msort(keys, idx, tmp, mid, hi, rev);
        i = lo;
        j = mid;
        k = lo;
        while (k < hi)
        {
            if (i < mid && j < hi)
            {
                if (before(keys, (int) idx[j], (int) idx[i], rev))
                {
                    tmp[k] = idx[j];
                    j = j + 1;
                }
                else
                {
                    tmp[k] = idx[i];
                    i = i + 1;
                }
            }
            else if (i < mid)
            {
                tmp[k] = idx[i];
                i = i + 1;
            }
            else
            {
                tmp[k] = idx[j];
                j = j + 1;
            }
            k = k + 1;
        }
        k = lo;
        while (k < hi)
        {
            idx[k] = tmp[k];
            k = k + 1;
        }
    }
    pobject callMethod(var name : string, var args : pobject[], var kw : pdict)
    {
        var x : pobject;
        var it : pobject;
        var key : pobject;
        var rev : int;
        if (name == "append")
        {
            append(args[0]);
            return none();
        }
        if (name == "pop")
        {
            if (n == 0)
                throw err("IndexError", "pop from empty list");
            if (args.size() == 0)
                return removeAt(n - 1);
            return removeAt(seqIndex(args[0], n, "pop"));
        }
        if (name == "extend")
        {
            x = args[0];
            it = x.iter();
            x = it.next();
            while (x :!= null)
            {
                append(x);
                x = it.next();
            }
            return none();
        }
        if (name == "insert")
        {
            x = args[0];
            insertAt(((pint) x).val(), args[1]);
            return none();
        }
        if (name == "remove")
        {
            if (indexOf(args[0]) < 0)
                throw err("ValueError", "list.remove(x): x not in list");
            removeAt(indexOf(args[0]));
            return none();
        }
        if (name == "index")
        {
            if (indexOf(args[0]) < 0)
            {
                x = args[0];
                throw err("ValueError", x.repr_() + " is not in list");
            }
            return new pint(indexOf(args[0]));
        }
        if (name == "count")
            return new pint(countOf(args[0]));
        if (name == "reverse")
        {
            reverse();
            return none();
        }
        if (name == "clear")
        {
            a = new pobject[]();
            n = 0;
            return none();
        }
        if (name == "copy")
            return getitem(new pslice(none(), none(), none()));
        if (name == "sort")
        {
            key = null;
            rev = 0;
            if (kw :!= null)
            {
                key = kw.getOr("key", null);
                if (key :!= null)
                {
                    if (key.tag() == 1)
                        key = null;
                }
                x = kw.getOr("reverse", null);
                if (x :!= null)
                    rev = x.truth();
            }
            sort(key, rev);
            return none();
        }
        throw err("AttributeError", "'list' object has no attribute '" + name + "'");
    }
};

// Insertion-ordered hash table: entries in parallel arrays, an
// open-addressing index of entry numbers + 1 (0 is an empty slot).
class pdict extends pobject
{
    var ks : pobject[];
    var vs : pobject[];
    var hs : int[];
    var index : int[];
    var cap : int;
    var used : int;
    var live : int;

    void pdict() { reset(8); }
    void reset(var c : int)
    {
        var i : int;
        ks = new pobject[]();
        vs = new pobject[]();
        hs = new int[]();
        index = new int[]();
        i = 0;
        while (i < c)
        {
            index[i] = 0;
            i = i + 1;
        }
        cap = c;
        used = 0;
        live = 0;
    }
    int tag() { return 7; }
    string typeName() { return "dict"; }
    string methodNames() { return "|get|keys|values|items|pop|setdefault|update|clear|copy|"; }
    int len_() { return live; }
    int truth() { return live != 0; }
    // Slot in index for key k with hash h: its entry's or the empty one.
    int slot(var k : pobject, var h : int)
    {
        var i : int;
        var e : int;
        var x : pobject;
        i = h % cap;
        if (i < 0)
            i = i + cap;
        e = index[i];
        while (e != 0)
        {
            if (hs[e - 1] == h)
            {
                x = ks[e - 1];
                if (x :!= null)
                {
                    if (x.eq(k))
                        return i;
                }
            }
            i = i + 1;
            if (i == cap)
                i = 0;
            e = index[i];
        }
        return i;
    }
    int find(var k : pobject)
    {
        return index[slot(k, k.hash_())] - 1;
    }
    void grow()
    {
        var oks : pobject[];
        var ovs : pobject[];
        var i : int;
        var n : int;
        oks = ks;
        ovs = vs;
        n = used;
        reset(cap * 2);
        i = 0;
        while (i < n)
        {
            if (oks[i] :!= null)
                put(oks[i], ovs[i]);
            i = i + 1;
        }
    }
    void put(var k : pobject, var v : pobject)
    {
        var h : int;
        var s : int;
        h = k.hash_();
        s = slot(k, h);
        if (index[s] != 0)
        {
            vs[index[s] - 1] = v;
            return;
        }
        ks[used] = k;
        vs[used] = v;
        hs[used] = h;
        used = used + 1;
        live = live + 1;
        index[s] = used;
        if (used * 3 >= cap * 2)
            grow();
    }
    pobject getOr(var k : string, var dflt : pobject)
    {
        var e : int;
        e = find(new pstr(k));
        if (e < 0)
            return dflt;
        return vs[e];
    }
    pobject getitem(var k : pobject)
    {
        var e : int;
        e = find(k);
        if (e < 0)
            throw errObj("KeyError", k);
        return vs[e];
    }
    void setitem(var k : pobject, var v : pobject) { put(k, v); }
    pdict set(var k : pobject, var v : pobject)
    {
        put(k, v);
        return this;
    }
    void delitem(var k : pobject)
    {
        var e : int;
        e = find(k);
        if (e < 0)
            throw errObj("KeyError", k);
        // The entry stays in the index with a null key, so probes pass it.
        ks[e] = null;
        vs[e] = null;
        live = live - 1;
    }
    int contains(var k : pobject) { return find(k) >= 0; }
    // Entry i (0..used-1) or null if deleted.
    pobject keyAt(var i : int) { return ks[i]; }
    pobject valAt(var i : int) { return vs[i]; }
    int entries() { return used; }
    pobject iter() { return new pdictiter(this, 0); }
    string repr_()
    {
        var s : string;
        var i : int;
        var first : int;
        var k : pobject;
        var v : pobject;
        s = "{";
        first = 1;
        i = 0;
        while (i < used)
        {
            k = ks[i];
            if (k :!= null)
            {
                if (first == 0)
                    s = s + ", ";
                first = 0;
                v = vs[i];
                s = s + k.repr_() + ": " + v.repr_();
            }
            i = i + 1;
        }
        return s + "}";
    }
    int eq(var o : pobject)
    {
        var d : pdict;
        var i : int;
        var k : pobject;
        var v : pobject;
        if (o.tag() != 7)
            return 0;
        d = (pdict) o;
        if (d.len_() != live)
            return 0;
        i = 0;
        while (i < used)
        {
            k = ks[i];
            if (k :!= null)
            {
                if (d.contains(k) == 0)
                    return 0;
                v = vs[i];
                if (v.eq(d.getitem(k)) == 0)
                    return 0;
            }
            i = i + 1;
        }
        return 1;
    }
    pobject callMethod(var name : string, var args : pobject[], var kw : pdict)
    {
        var e : int;
        var k : pobject;
        var l : plist;
        var t : ptuple;
        var i : int;
        if (name == "get")
        {
            e = find(args[0]);
            if (e >= 0)
                return vs[e];
            if (args.size() > 1)
                return args[1];
            return none();
        }
        if (name == "keys")
            return new pdictview(this, 0);
        if (name == "values")
            return new pdictview(this, 1);
        if (name == "items")
            return new pdictview(this, 2);
        if (name == "pop")
        {
            e = find(args[0]);
            if (e < 0)
            {
                if (args.size() > 1)
                    return args[1];
                k = args[0];
                throw errObj("KeyError", k);
            }
            k = vs[e];
            delitem(args[0]);
            return k;
        }
        if (name == "setdefault")
        {
            e = find(args[0]);
            if (e >= 0)
                return vs[e];
            if (args.size() > 1)
                k = args[1];
            else
                k = none();
            put(args[0], k);
            return k;
        }
        if (name == "update")
        {
            k = args[0];
            if (k.tag() == 7)
            {
                i = 0;
                while (i < ((pdict) k).entries())
                {
                    if (((pdict) k).keyAt(i) :!= null)
                        put(((pdict) k).keyAt(i), ((pdict) k).valAt(i));
                    i = i + 1;
                }
            }
            else
            {
                l = toList(k);
                i = 0;
                while (i < l.len_())
                {
                    t = (ptuple) toList(l.at(i)).asTuple();
                    put(t.at(0), t.at(1));
                    i = i + 1;
                }
            }
            return none();
        }
        if (name == "clear")
        {
            reset(8);
            return none();
        }
        if (name == "copy")
        {
            l = new plist();
            return new pdict().with(this);
        }
        throw err("AttributeError", "'dict' object has no attribute '" + name + "'");
    }
    pdict with(var d : pdict)
    {
        var i : int;
        i = 0;
        while (i < d.entries())
        {
            if (d.keyAt(i) :!= null)
                put(d.keyAt(i), d.valAt(i));
            i = i + 1;
        }
        return this;
    }
};

// Iterates a dict's keys (what 0), values (1) or (key, value) tuples (2).
class pdictiter extends pobject
{
    var d : pdict;
    var i : int;
    var what : int;
    var size : int;
    void pdictiter(var x : pdict, var w : int)
    {
        d = x;
        i = 0;
        what = w;
        size = x.len_();
    }
    string typeName() { return "dict_keyiterator"; }
    pobject iter() { return this; }
    pobject next()
    {
        var t : ptuple;
        if (d.len_() != size)
            throw err("RuntimeError", "dictionary changed size during iteration");
        while (i < d.entries())
        {
            if (d.keyAt(i) :!= null)
            {
                i = i + 1;
                if (what == 0)
                    return d.keyAt(i - 1);
                if (what == 1)
                    return d.valAt(i - 1);
                t = new ptuple();
                t.append(d.keyAt(i - 1));
                t.append(d.valAt(i - 1));
                return t;
            }
            i = i + 1;
        }
        return null;
    }
};

class pdictview extends pobject
{
    var d : pdict;
    var what : int;
    void pdictview(var x : pdict, var w : int)
    {
        d = x;
        what = w;
    }
    string typeName()
    {
        if (what == 0)
            return "dict_keys";
        if (what == 1)
            return "dict_values";
        return "dict_items";
    }
    int len_() { return d.len_(); }
    pobject iter() { return new pdictiter(d, what); }
    int contains(var x : pobject)
    {
        if (what == 0)
            return d.contains(x);
        return toList(this).contains(x);
    }
    string repr_() { return typeName() + "(" + toList(this).repr_() + ")"; }
};

class prange extends pobject
{
    var lo : long;
    var hi : long;
    var st : long;
    void prange(var a : long, var b : long, var c : long)
    {
        lo = a;
        hi = b;
        st = c;
        if (c == 0)
            throw err("ValueError", "range() arg 3 must not be zero");
    }
    int tag() { return 8; }
    string typeName() { return "range"; }
    int len_()
    {
        if (st > 0)
        {
            if (hi <= lo)
                return 0;
            return (hi - lo + st - 1) / st;
        }
        if (lo <= hi)
            return 0;
        return (lo - hi - st - 1) / (-st);
    }
    int truth() { return len_() != 0; }
    pobject iter() { return new prangeiter(lo, st, len_()); }
    pobject getitem(var k : pobject)
    {
        return new pint(lo + st * seqIndex(k, len_(), "range object"));
    }
    int contains(var x : pobject)
    {
        var v : long;
        if (x.tag() != 3)
            return 0;
        v = ((pint) x).val();
        if (st > 0)
        {
            if (v < lo || v >= hi)
                return 0;
        }
        else
        {
            if (v > lo || v <= hi)
                return 0;
        }
        return (v - lo) % st == 0;
    }
    string repr_()
    {
        if (st == 1)
            return "range(" + lo + ", " + hi + ")";
        return "range(" + lo + ", " + hi + ", " + st + ")";
    }
};

class prangeiter extends pobject
{
    var cur : long;
    var st : long;
    var left : int;
    void prangeiter(var a : long, var c : long, var n : int)
    {
        cur = a;
        st = c;
        left = n;
    }
    string typeName() { return "range_iterator"; }
    pobject iter() { return this; }
    pobject next()
    {
        var r : pint;
        if (left <= 0)
            return null;
        r = new pint(cur);
        cur = cur + st;
        left = left - 1;
        return r;
    }
};

// A closure cell: one variable shared between a function and the
// functions defined inside it.
class pcell extends pobject
{
    var c : .internal.object;
    void pcell() { c = null; }
    pobject get() { return (pobject) c; }
    void set(var x : .internal.object) { c = x; }
    string typeName() { return "cell"; }
};
