// Functions, classes, instances, super() and the module base class.

package .py;

// A Python function: a method of the generated module class (number idx,
// reached through pmodule.invoke) plus what a def evaluates: defaults,
// closure cells, and the parameter names for binding keywords.
class pfunc extends pobject
{
    var mod : pmodule;
    var idx : int;
    var qual : string;
    // Parameter names: positional ones, then *args, keyword-only ones, **kw.
    var pnames : string[];
    var nPos : int;
    var nKwOnly : int;
    var hasVar : int;
    var hasKw : int;
    var defs : pobject[];
    var kwdefs : pdict;
    var cells : pobject[];
    var isGen : int;

    // sig is "a,b|args|k1,k2|kw": positional names, the *args name, the
    // keyword-only names and the **kwargs name, each part possibly empty.
    void pfunc(var m : pmodule, var i : int, var q : string, var sig : string)
    {
        var parts : pstrmethods;
        var secs : string[];
        var ps : string[];
        var j : int;
        mod = m;
        idx = i;
        qual = q;
        parts = new pstrmethods();
        secs = parts.splitOn(sig, "|");
        pnames = new string[]();
        ps = parts.splitOn(secs[0], ",");
        nPos = 0;
        j = 0;
        while (j < ps.size())
        {
            if (ps[j].length() > 0)
            {
                pnames[nPos] = ps[j];
                nPos = nPos + 1;
            }
            j = j + 1;
        }
        hasVar = secs[1].length() > 0;
        if (hasVar)
            pnames[nPos] = secs[1];
        ps = parts.splitOn(secs[2], ",");
        nKwOnly = 0;
        j = 0;
        while (j < ps.size())
        {
            if (ps[j].length() > 0)
            {
                pnames[nPos + hasVar + nKwOnly] = ps[j];
                nKwOnly = nKwOnly + 1;
            }
            j = j + 1;
        }
        hasKw = secs[3].length() > 0;
        if (hasKw)
            pnames[nPos + hasVar + nKwOnly] = secs[3];
        defs = new pobject[]();
        kwdefs = new pdict();
        cells = new pobject[]();
        isGen = 0;
    }
    pobject[] copyArgs(var a : pobject[])
    {
        var r : pobject[];
        var i : int;
        r = new pobject[]();
        i = 0;
        while (i < a.size())
        {
            r[i] = a[i];
            i = i + 1;
        }
        return r;
    }
    int tag() { return 9; }
    string typeName() { return "function"; }
    string repr_() { return "<function " + qual + ">"; }
    int hash_() { return hashCode(); }
    string name()
    {
        var m : pstrmethods;
        var parts : string[];
        m = new pstrmethods();
        parts = m.splitOn(qual, ".");
        return parts[parts.size() - 1];
    }
    pfunc setDefaults(var d : pobject[]) { defs = d; return this; }
    pfunc setKwDefault(var k : string, var v : pobject) { kwdefs.put(new pstr(k), v); return this; }
    pfunc setCells(var c : pobject[]) { cells = c; return this; }
    pcell cell(var i : int) { return cells[i]; }
    pobject getattr(var n : string)
    {
        if (n == "__name__")
            return new pstr(name());
        if (n == "__qualname__")
            return new pstr(qual);
        throw errAttr(n);
    }

    // The call's arguments laid out as the function's parameters.
    pobject[] bind(var args : pobject[], var kw : pdict)
    {
        var out : pobject[];
        var total : int;
        var nargs : int;
        var i : int;
        var j : int;
        var rest : ptuple;
        var extra : pdict;
        var k : pobject;
        var found : int;
        var ks : string;
        var missing : string;
        var nmiss : int;
        total = nPos + hasVar + nKwOnly + hasKw;
        out = new pobject[]();
        i = 0;
        while (i < total)
        {
            out[i] = null;
            i = i + 1;
        }
        nargs = args.size();
        i = 0;
        while (i < nPos && i < nargs)
        {
            out[i] = args[i];
            i = i + 1;
        }
        if (nargs > nPos)
        {
            if (hasVar == 0)
            {
                if (defs.size() > 0)
                    throw err("TypeError", name() + "() takes from " + (nPos - defs.size()) + " to " + nPos + " positional arguments but " + nargs + " were given");
                if (nPos == 1)
                    throw err("TypeError", name() + "() takes 1 positional argument but " + nargs + " were given");
                throw err("TypeError", name() + "() takes " + nPos + " positional arguments but " + nargs + " were given");
            }
        }
        if (hasVar)
        {
            rest = new ptuple();
            while (i < nargs)
            {
                rest.append(args[i]);
                i = i + 1;
            }
            out[nPos] = rest;
        }
        if (hasKw)
        {
            extra = new pdict();
            out[total - 1] = extra;
        }
        if (kw :!= null)
        {
            j = 0;
            while (j < kw.entries())
            {
                k = kw.keyAt(j);
                if (k :!= null)
                {
                    ks = k.str_();
                    found = -1;
                    i = 0;
                    while (i < nPos + hasVar + nKwOnly)
                    {
                        if (pnames[i] == ks)
                        {
                            if (i != nPos || hasVar == 0)
                                found = i;
                        }
                        i = i + 1;
                    }
                    if (found >= 0)
                    {
                        if (out[found] :!= null)
                            throw err("TypeError", name() + "() got multiple values for argument '" + ks + "'");
                        out[found] = kw.valAt(j);
                    }
                    else if (hasKw)
                        extra.put(k, kw.valAt(j));
                    else
                        throw err("TypeError", name() + "() got an unexpected keyword argument '" + ks + "'");
                }
                j = j + 1;
            }
        }
        missing = "";
        nmiss = 0;
        i = 0;
        while (i < nPos)
        {
            if (out[i] :== null)
            {
                j = i - (nPos - defs.size());
                if (j >= 0)
                    out[i] = defs[j];
                else
                {
                    if (nmiss > 0)
                        missing = missing + " and ";
                    missing = missing + "'" + pnames[i] + "'";
                    nmiss = nmiss + 1;
                }
            }
            i = i + 1;
        }
        if (nmiss == 1)
            throw err("TypeError", name() + "() missing 1 required positional argument: " + missing);
        if (nmiss > 1)
            throw err("TypeError", name() + "() missing " + nmiss + " required positional arguments: " + missing);
        i = nPos + hasVar;
        while (i < nPos + hasVar + nKwOnly)
        {
            if (out[i] :== null)
            {
                k = kwdefs.getOr(pnames[i], null);
                if (k :== null)
                    throw err("TypeError", name() + "() missing 1 required keyword-only argument: '" + pnames[i] + "'");
                out[i] = k;
            }
            i = i + 1;
        }
        return out;
    }
    int index() { return idx; }
    pfunc setGen() { isGen = 1; return this; }
    pobject call(var args : pobject[], var kw : pdict)
    {
        // A generator function makes a generator; its body runs later.
        if (isGen)
            return new pgen(mod, this, copyArgs(bind(args, kw)));
        // The common call: exactly the positional parameters, nothing else.
        if (kw :== null)
        {
            if (args.size() == nPos && hasVar == 0 && hasKw == 0 && nKwOnly == 0)
                return mod.invoke(idx, this, args);
        }
        return mod.invoke(idx, this, bind(args, kw));
    }
};

// A built-in function (or a built-in method bound to self).
class pbfunc extends pobject
{
    var bname : string;
    var self : pobject;
    void pbfunc(var n : string, var s : pobject)
    {
        bname = n;
        self = s;
    }
    int tag() { return 12; }
    string typeName() { return "builtin_function_or_method"; }
    string repr_() { return "<built-in function " + bname + ">"; }
    pobject call(var args : pobject[], var kw : pdict)
    {
        var a : pobject[];
        var i : int;
        if (self :== null)
        {
            // str.lower and the like: the method of the first argument.
            if (bname.strstr(".") > 0)
            {
                if (args.size() == 0)
                    throw err("TypeError", "unbound method " + bname + "() needs an argument");
                a = new pobject[]();
                i = 1;
                while (i < args.size())
                {
                    a[i - 1] = args[i];
                    i = i + 1;
                }
                return args[0].callMethod(tail(bname, bname.strstr(".") + 1), a, kw);
            }
            return new pbuiltins().call(bname, args, kw);
        }
        if (bname == "object.__init__")
            return none();
        if (bname == "BaseException.__init__")
        {
            ((pinst) self).setExArgs(new pbuiltins().tupleOf(args));
            return none();
        }
        a = new pobject[]();
        i = 0;
        while (i < args.size())
        {
            a[i] = args[i];
            i = i + 1;
        }
        return self.callMethod(bname, a, kw);
    }
};

// A function bound to the instance it was looked up on.
class pbound extends pobject
{
    var self : pobject;
    var fn : pobject;
    void pbound(var s : pobject, var f : pobject)
    {
        self = s;
        fn = f;
    }
    int tag() { return 13; }
    string typeName() { return "method"; }
    string repr_() { return "<bound method of " + self.repr_() + ">"; }
    pobject call(var args : pobject[], var kw : pdict)
    {
        return fn.call(prepend(self, args), kw);
    }
    pobject[] prepend(var x : pobject, var args : pobject[])
    {
        var a : pobject[];
        var i : int;
        a = new pobject[]();
        a[0] = x;
        i = 0;
        while (i < args.size())
        {
            a[i + 1] = args[i];
            i = i + 1;
        }
        return a;
    }
};

// Class objects. Built-in classes (int, ValueError, ...) are made afresh
// by name and compare by name; user classes have bases, an MRO (C3) and a
// dict of attributes.
class ptype extends pobject
{
    var tname : string;
    var builtin : int;
    var bases : pobject[];
    var mro : pobject[];
    var dict : pdict;

    void ptype(var n : string)
    {
        tname = n;
        builtin = 1;
        dict = null;
    }
    void ptype(var n : string, var b : ptuple, var d : pdict)
    {
        var i : int;
        var parents : pobject[];
        var t : pobject;
        tname = n;
        builtin = 0;
        dict = d;
        bases = new pobject[]();
        i = 0;
        while (i < b.len_())
        {
            t = b.at(i);
            if (t.tag() != 10)
                throw err("TypeError", "bases must be classes");
            bases[i] = t;
            i = i + 1;
        }
        if (b.len_() == 0)
            bases[0] = new ptype("object");
        mro = c3();
    }
    int tag() { return 10; }
    string typeName() { return "type"; }
    string name() { return tname; }
    int isBuiltin() { return builtin; }
    pdict attrs() { return dict; }
    int hash_() { return tname.hashCode(); }
    int eq(var o : pobject)
    {
        if (o.tag() != 10)
            return 0;
        return same((ptype) o);
    }
    int same(var o : ptype)
    {
        if (this :== o)
            return 1;
        if (builtin && o.isBuiltin())
            return tname == o.name();
        return 0;
    }
    string repr_()
    {
        if (builtin)
            return "<class '" + tname + "'>";
        return "<class '__main__." + tname + "'>";
    }
    // The built-in class hierarchy, by name.
    string baseName(var n : string)
    {
        if (n == "object")
            return "";
        if (n == "BaseException")
            return "object";
        if (n == "Exception" || n == "SystemExit" || n == "KeyboardInterrupt" || n == "GeneratorExit")
            return "BaseException";
        if (n == "ZeroDivisionError" || n == "OverflowError")
            return "ArithmeticError";
        if (n == "IndexError" || n == "KeyError")
            return "LookupError";
        if (n == "RecursionError" || n == "NotImplementedError")
            return "RuntimeError";
        if (n == "UnboundLocalError")
            return "NameError";
        if (n == "FloatingPointError")
            return "ArithmeticError";
        if (n == "ModuleNotFoundError")
            return "ImportError";
        if (n == "FileNotFoundError" || n == "FileExistsError" || n == "PermissionError" || n == "TimeoutError")
            return "OSError";
        if (n == "UnicodeError")
            return "ValueError";
        if (n == "SyntaxError" || n == "EOFError" || n == "MemoryError")
            return "Exception";
        if (n == "bool")
            return "int";
        if (n == "ArithmeticError" || n == "LookupError" || n == "ValueError" || n == "TypeError" || n == "NameError"
            || n == "AttributeError" || n == "RuntimeError" || n == "AssertionError" || n == "StopIteration"
            || n == "ImportError" || n == "OSError" || n == "SystemError")
            return "Exception";
        return "object";
    }
    // The method resolution order, this class first.
    pobject[] mroList()
    {
        var r : pobject[];
        var n : string;
        var i : int;
        if (builtin == 0)
            return mro;
        r = new pobject[]();
        r[0] = this;
        n = baseName(tname);
        i = 1;
        while (n.length() > 0)
        {
            r[i] = new ptype(n);
            n = baseName(n);
            i = i + 1;
        }
        return r;
    }
    // C3 linearization of this class over its bases.
    pobject[] c3()
    {
        var seqs : .internal.object[];
        var out : pobject[];
        var s : pobject[];
        var i : int;
        var j : int;
        var n : int;
        var cand : ptype;
        var ok : int;
        var progress : int;
        seqs = new .internal.object[]();
        i = 0;
        while (i < bases.size())
        {
            seqs[i] = copyArr(((ptype) bases[i]).mroList());
            i = i + 1;
        }
        seqs[bases.size()] = copyArr(bases);
        out = new pobject[]();
        out[0] = this;
        n = 1;
        progress = 1;
        while (progress)
        {
            progress = 0;
            cand = null;
            i = 0;
            while (i < seqs.size() && cand :== null)
            {
                s = (pobject[]) seqs[i];
                if (s.size() > 0)
                {
                    cand = s[0];
                    ok = 1;
                    j = 0;
                    while (j < seqs.size())
                    {
                        if (inTail((pobject[]) seqs[j], cand))
                            ok = 0;
                        j = j + 1;
                    }
                    if (ok == 0)
                        cand = null;
                }
                i = i + 1;
            }
            if (cand :!= null)
            {
                out[n] = cand;
                n = n + 1;
                progress = 1;
                i = 0;
                while (i < seqs.size())
                {
                    s = (pobject[]) seqs[i];
                    if (s.size() > 0)
                    {
                        if (((ptype) s[0]).same(cand))
                            seqs[i] = dropFirst(s);
                    }
                    i = i + 1;
                }
            }
        }
        i = 0;
        while (i < seqs.size())
        {
            s = (pobject[]) seqs[i];
            if (s.size() > 0)
                throw err("TypeError", "Cannot create a consistent method resolution order (MRO)");
            i = i + 1;
        }
        return out;
    }
    pobject[] copyArr(var a : pobject[])
    {
        var r : pobject[];
        var i : int;
        r = new pobject[]();
        i = 0;
        while (i < a.size())
        {
            r[i] = a[i];
            i = i + 1;
        }
        return r;
    }
    pobject[] dropFirst(var a : pobject[])
    {
        var r : pobject[];
        var i : int;
        r = new pobject[]();
        i = 1;
        while (i < a.size())
        {
            r[i - 1] = a[i];
            i = i + 1;
        }
        return r;
    }
    int inTail(var a : pobject[], var t : ptype)
    {
        var i : int;
        i = 1;
        while (i < a.size())
        {
            if (((ptype) a[i]).same(t))
                return 1;
            i = i + 1;
        }
        return 0;
    }
    int isSuperOf(var t : ptype)
    {
        var m : pobject[];
        var i : int;
        m = t.mroList();
        i = 0;
        while (i < m.size())
        {
            if (same((ptype) m[i]))
                return 1;
            i = i + 1;
        }
        return 0;
    }
    int isExcType() { return new ptype("BaseException").isSuperOf(this); }
    // An empty value of a built-in type, to ask for its methods.
    pobject sampleOf(var n : string)
    {
        if (n == "str")
            return new pstr("");
        if (n == "list")
            return new plist();
        if (n == "dict")
            return new pdict();
        if (n == "tuple")
            return new ptuple();
        if (n == "set")
            return new pset();
        return new pobject();
    }
    // An attribute of this class or the first class of its MRO that has
    // it; null if none has.
    pobject lookup(var n : string)
    {
        return lookupFrom(n, 0);
    }
    pobject lookupFrom(var n : string, var from : int)
    {
        var m : pobject[];
        var i : int;
        var d : pdict;
        var v : pobject;
        var key : pstr;
        m = mroList();
        key = new pstr(n);
        i = from;
        while (i < m.size())
        {
            d = ((ptype) m[i]).attrs();
            if (d :!= null)
            {
                if (d.contains(key))
                    return d.getitem(key);
            }
            i = i + 1;
        }
        return null;
    }
    // Position of class t in the MRO, or -1.
    int mroIndex(var t : ptype)
    {
        var m : pobject[];
        var i : int;
        m = mroList();
        i = 0;
        while (i < m.size())
        {
            if (t.same((ptype) m[i]))
                return i;
            i = i + 1;
        }
        return -1;
    }
    pobject getattr(var n : string)
    {
        var v : pobject;
        if (n == "__name__")
            return new pstr(tname);
        v = lookup(n);
        if (v :== null && builtin)
        {
            // A built-in type's method, unbound: str.lower, list.append, ...
            if (sampleOf(tname).methodNames().strstr("|" + n + "|") >= 0)
                return new pbfunc(tname + "." + n, null);
        }
        if (v :== null)
            throw err("AttributeError", "type object '" + tname + "' has no attribute '" + n + "'");
        if (v.tag() == 14)
            return ((pdescr) v).forClass(this);
        return v;
    }
    void setattr(var n : string, var v : pobject)
    {
        if (builtin)
            throw err("TypeError", "cannot set '" + n + "' attribute of immutable type '" + tname + "'");
        dict.put(new pstr(n), v);
    }
    pobject call(var args : pobject[], var kw : pdict)
    {
        var inst : pinst;
        var init : pobject;
        var r : pobject;
        var b : pbuiltins;
        b = new pbuiltins();
        if (builtin)
        {
            if (isExcType())
            {
                inst = new pinst(this);
                inst.setExArgs(b.tupleOf(args));
                return inst;
            }
            return b.call(tname, args, kw);
        }
        inst = new pinst(this);
        if (isExcType())
            inst.setExArgs(b.tupleOf(args));
        init = lookup("__init__");
        if (init :!= null)
        {
            r = init.call(new pbound(inst, init).prepend(inst, args), kw);
            if (r.tag() != 1)
                throw err("TypeError", "__init__() should return None, not '" + r.typeName() + "'");
        }
        else if (args.size() > 0)
        {
            if (isExcType() == 0)
                throw err("TypeError", tname + "() takes no arguments");
        }
        return inst;
    }
};

// Instances of user classes (and of built-in exception classes).
class pinst extends pobject
{
    var cls : ptype;
    var d : pdict;
    var exArgs : ptuple;

    void pinst(var c : ptype)
    {
        cls = c;
        d = new pdict();
        exArgs = null;
    }
    void setExArgs(var a : ptuple) { exArgs = a; }
    int tag() { return 11; }
    string typeName() { return cls.name(); }
    ptype pyType() { return cls; }
    int isExc() { return cls.isExcType(); }
    // Calls the special method `name` if the class has one; null if not.
    pobject dunder(var name : string, var a : pobject, var b : pobject)
    {
        var f : pobject;
        var args : pobject[];
        f = cls.lookup(name);
        if (f :== null)
            return null;
        args = new pobject[]();
        args[0] = this;
        if (a :!= null)
            args[1] = a;
        if (b :!= null)
            args[2] = b;
        return f.call(args, null);
    }
    pobject getattr(var name : string)
    {
        var key : pstr;
        var v : pobject;
        key = new pstr(name);
        v = cls.lookup(name);
        if (v :!= null)
        {
            if (v.tag() == 14)
            {
                if (((pdescr) v).kindOf() == 3)
                    return ((pdescr) v).forInstance(this, cls);
            }
        }
        if (d.contains(key))
            return d.getitem(key);
        if (v :!= null)
        {
            if (v.tag() == 9)
                return new pbound(this, v);
            if (v.tag() == 14)
                return ((pdescr) v).forInstance(this, cls);
            return v;
        }
        if (name == "__class__")
            return cls;
        if (name == "__dict__")
            return d;
        if (name == "args")
        {
            if (exArgs :!= null)
                return exArgs;
        }
        v = dunder("__getattr__", new pstr(name), null);
        if (v :!= null)
            return v;
        throw err("AttributeError", "'" + cls.name() + "' object has no attribute '" + name + "'");
    }
    void setattr(var name : string, var v : pobject)
    {
        var p : pobject;
        p = cls.lookup(name);
        if (p :!= null)
        {
            if (p.tag() == 14)
            {
                if (((pdescr) p).set(this, v, name))
                    return;
            }
        }
        d.put(new pstr(name), v);
    }
    void delattr(var name : string)
    {
        var key : pstr;
        key = new pstr(name);
        if (d.contains(key) == 0)
            throw err("AttributeError", "'" + cls.name() + "' object has no attribute '" + name + "'");
        d.delitem(key);
    }
    pobject callMethod(var name : string, var args : pobject[], var kw : pdict)
    {
        var key : pstr;
        var v : pobject;
        key = new pstr(name);
        if (d.len_() > 0)
        {
            if (d.contains(key))
                return d.getitem(key).call(args, kw);
        }
        v = cls.lookup(name);
        if (v :!= null)
        {
            if (v.tag() == 9)
                return v.call(new pbound(this, v).prepend(this, args), kw);
            if (v.tag() == 14)
                return ((pdescr) v).forInstance(this, cls).call(args, kw);
            return v.call(args, kw);
        }
        return getattr(name).call(args, kw);
    }
    string str_()
    {
        var r : pobject;
        r = dunder("__str__", null, null);
        if (r :!= null)
            return checkStr(r, "__str__");
        if (exArgs :!= null)
        {
            if (cls.lookup("__repr__") :== null)
            {
                if (exArgs.len_() == 0)
                    return "";
                if (exArgs.len_() == 1)
                {
                    // KeyError shows its key as repr, like CPython.
                    if (new ptype("KeyError").isSuperOf(cls))
                        return exArgs.at(0).repr_();
                    return exArgs.at(0).str_();
                }
                return exArgs.repr_();
            }
        }
        return repr_();
    }
    string checkStr(var r : pobject, var what : string)
    {
        if (r.tag() != 4)
            throw err("TypeError", what + " returned non-string (type " + r.typeName() + ")");
        return r.str_();
    }
    string repr_()
    {
        var r : pobject;
        r = dunder("__repr__", null, null);
        if (r :!= null)
            return checkStr(r, "__repr__");
        if (exArgs :!= null)
        {
            if (exArgs.len_() == 1)
                return cls.name() + "(" + exArgs.at(0).repr_() + ")";
            return cls.name() + exArgs.repr_();
        }
        return "<__main__." + cls.name() + " object>";
    }
    // How an uncaught exception is reported by the VM.
    string toString()
    {
        var s : string;
        s = str_();
        if (s.length() == 0)
            return cls.name();
        return cls.name() + ": " + s;
    }
    int truth()
    {
        var r : pobject;
        r = dunder("__bool__", null, null);
        if (r :!= null)
            return r.truth();
        r = dunder("__len__", null, null);
        if (r :!= null)
            return r.truth();
        return 1;
    }
    long hash64()
    {
        var r : pobject;
        r = dunder("__hash__", null, null);
        if (r :!= null)
            return r.hash64();
        return hash_();
    }
    int hash_()
    {
        var r : pobject;
        r = dunder("__hash__", null, null);
        if (r :!= null)
            return ((pint) r).val();
        if (cls.lookup("__eq__") :!= null)
            throw err("TypeError", "unhashable type: '" + cls.name() + "'");
        return hashCode();
    }
    int eq(var o : pobject)
    {
        var r : pobject;
        r = dunder("__eq__", o, null);
        if (r :!= null)
        {
            if (r.tag() != 20)
                return r.truth();
        }
        if (o.tag() == 11)
        {
            r = ((pinst) o).dunder("__eq__", this, null);
            if (r :!= null)
            {
                if (r.tag() != 20)
                    return r.truth();
            }
        }
        return this :== o;
    }
    int cmpOp(var name : string, var rname : string, var sym : string, var o : pobject)
    {
        var r : pobject;
        r = dunder(name, o, null);
        if (r :!= null)
        {
            if (r.tag() != 20)
                return r.truth();
        }
        return o.rcmp(rname, sym, this);
    }
    int rcmp(var name : string, var sym : string, var other : pobject)
    {
        var r : pobject;
        r = dunder(name, other, null);
        if (r :!= null)
        {
            if (r.tag() != 20)
                return r.truth();
        }
        throw rcmpErr(sym, other);
    }
    int lt(var o : pobject) { return cmpOp("__lt__", "__gt__", "<", o); }
    int le(var o : pobject) { return cmpOp("__le__", "__ge__", "<=", o); }
    int gt(var o : pobject) { return cmpOp("__gt__", "__lt__", ">", o); }
    int ge(var o : pobject) { return cmpOp("__ge__", "__le__", ">=", o); }
    // this OP o through name, else o's reflected method.
    pobject binop(var name : string, var o : pobject)
    {
        var r : pobject;
        r = dunder(name, o, null);
        if (r :!= null)
        {
            if (r.tag() != 20)
                return r;
        }
        return null;
    }
    pobject rbin(var name : string, var sym : string, var o : pobject)
    {
        var r : pobject;
        r = binop(name, o);
        if (r :== null)
            throw binErr(sym, o);
        return r;
    }
    pobject add(var o : pobject) { var r : pobject; r = binop("__add__", o); if (r :== null) return o.radd(this); return r; }
    pobject sub(var o : pobject) { var r : pobject; r = binop("__sub__", o); if (r :== null) return o.rsub(this); return r; }
    pobject mul(var o : pobject) { var r : pobject; r = binop("__mul__", o); if (r :== null) return o.rmul(this); return r; }
    pobject floordiv(var o : pobject) { var r : pobject; r = binop("__floordiv__", o); if (r :== null) return o.rfloordiv(this); return r; }
    pobject truediv(var o : pobject) { var r : pobject; r = binop("__truediv__", o); if (r :== null) return o.rtruediv(this); return r; }
    pobject mod(var o : pobject) { var r : pobject; r = binop("__mod__", o); if (r :== null) return o.rmod(this); return r; }
    pobject pow(var o : pobject) { var r : pobject; r = binop("__pow__", o); if (r :== null) return o.rpow(this); return r; }
    pobject band(var o : pobject) { var r : pobject; r = binop("__and__", o); if (r :== null) return o.rband(this); return r; }
    pobject bor(var o : pobject) { var r : pobject; r = binop("__or__", o); if (r :== null) return o.rbor(this); return r; }
    pobject bxor(var o : pobject) { var r : pobject; r = binop("__xor__", o); if (r :== null) return o.rbxor(this); return r; }
    pobject lshift(var o : pobject) { var r : pobject; r = binop("__lshift__", o); if (r :== null) return o.rlshift(this); return r; }
    pobject rshift(var o : pobject) { var r : pobject; r = binop("__rshift__", o); if (r :== null) return o.rrshift(this); return r; }
    pobject radd(var o : pobject) { return rbin("__radd__", "+", o); }
    pobject rsub(var o : pobject) { return rbin("__rsub__", "-", o); }
    pobject rmul(var o : pobject) { return rbin("__rmul__", "*", o); }
    pobject rfloordiv(var o : pobject) { return rbin("__rfloordiv__", "//", o); }
    pobject rtruediv(var o : pobject) { return rbin("__rtruediv__", "/", o); }
    pobject rmod(var o : pobject) { return rbin("__rmod__", "%", o); }
    pobject rpow(var o : pobject) { return rbin("__rpow__", "** or pow()", o); }
    pobject rband(var o : pobject) { return rbin("__rand__", "&", o); }
    pobject rbor(var o : pobject) { return rbin("__ror__", "|", o); }
    pobject rbxor(var o : pobject) { return rbin("__rxor__", "^", o); }
    pobject rlshift(var o : pobject) { return rbin("__rlshift__", "<<", o); }
    pobject rrshift(var o : pobject) { return rbin("__rrshift__", ">>", o); }
    pobject unary(var name : string, var sym : string)
    {
        var r : pobject;
        r = dunder(name, null, null);
        if (r :== null)
            throw err("TypeError", "bad operand type for unary " + sym + ": '" + cls.name() + "'");
        return r;
    }
    pobject neg() { return unary("__neg__", "-"); }
    pobject pos() { return unary("__pos__", "+"); }
    pobject invert() { return unary("__invert__", "~"); }
    int len_()
    {
        var r : pobject;
        r = dunder("__len__", null, null);
        if (r :== null)
            throw errOf("TypeError", "object of type '", "' has no len()");
        return ((pint) r).val();
    }
    pobject getitem(var k : pobject)
    {
        var r : pobject;
        r = dunder("__getitem__", k, null);
        if (r :== null)
            throw errOf("TypeError", "'", "' object is not subscriptable");
        return r;
    }
    void setitem(var k : pobject, var v : pobject)
    {
        if (dunder("__setitem__", k, v) :== null)
            throw errOf("TypeError", "'", "' object does not support item assignment");
    }
    void delitem(var k : pobject)
    {
        if (dunder("__delitem__", k, null) :== null)
            throw errOf("TypeError", "'", "' object does not support item deletion");
    }
    int contains(var v : pobject)
    {
        var r : pobject;
        r = dunder("__contains__", v, null);
        if (r :== null)
            return containsByIter(v);
        return r.truth();
    }
    pobject iter()
    {
        var r : pobject;
        r = dunder("__iter__", null, null);
        if (r :!= null)
            return r;
        if (cls.lookup("__getitem__") :!= null)
            return new pgetitemiter(this);
        throw errOf("TypeError", "'", "' object is not iterable");
    }
    pobject next()
    {
        var r : pobject;
        var e : pobject;
        try
        {
            r = dunder("__next__", null, null);
        }
        catch (pobject x)
        {
            e = x;
            if (excMatch(e, new ptype("StopIteration")))
                return null;
            throw e;
        }
        if (r :== null)
            throw errOf("TypeError", "'", "' object is not an iterator");
        return r;
    }
    pobject call(var args : pobject[], var kw : pdict)
    {
        var f : pobject;
        f = cls.lookup("__call__");
        if (f :== null)
            throw errOf("TypeError", "'", "' object is not callable");
        return f.call(new pbound(this, f).prepend(this, args), kw);
    }
};

// The old iteration protocol: __getitem__ with 0, 1, ... until IndexError.
class pgetitemiter extends pobject
{
    var o : pobject;
    var i : int;
    void pgetitemiter(var x : pobject)
    {
        o = x;
        i = 0;
    }
    pobject iter() { return this; }
    pobject next()
    {
        var r : pobject;
        try
        {
            r = o.getitem(new pint(i));
        }
        catch (pobject x)
        {
            if (excMatch(x, new ptype("IndexError")))
                return null;
            throw x;
        }
        i = i + 1;
        return r;
    }
};

// super(): attribute lookup in the MRO of self's class after cls.
class psuper extends pobject
{
    var cls : ptype;
    var self : pobject;
    void psuper(var c : ptype, var s : pobject)
    {
        cls = c;
        self = s;
    }
    string typeName() { return "super"; }
    pobject getattr(var name : string)
    {
        var t : ptype;
        var i : int;
        var v : pobject;
        t = self.pyType();
        i = t.mroIndex(cls);
        v = t.lookupFrom(name, i + 1);
        if (v :!= null)
        {
            if (v.tag() == 9)
                return new pbound(self, v);
            if (v.tag() == 14)
                return ((pdescr) v).forInstance(self, t);
            return v;
        }
        if (name == "__init__")
        {
            if (self.isExc())
                return new pbfunc("BaseException.__init__", self);
            return new pbfunc("object.__init__", self);
        }
        throw err("AttributeError", "'super' object has no attribute '" + name + "'");
    }
};

// The base of every generated module class: the program's globals are
// its fields and its functions its methods; invoke reaches them by number.
class pmodule extends pobject
{
    var boot : .internal.object;
    var gens : plist;

    // Generators that have started and not finished.
    void register(var g : pobject)
    {
        if (gens :== null)
            gens = new plist();
        gens.append(g);
    }
    void unregister(var g : pobject)
    {
        var i : int;
        if (gens :== null)
            return;
        i = 0;
        while (i < gens.len_())
        {
            if (gens.at(i) :== g)
            {
                gens.removeAt(i);
                return;
            }
            i = i + 1;
        }
    }
    void startThread(var o : .internal.object) { boot.18(o); }
    // At the program's end: the suspended generators are closed.
    void closeGens()
    {
        var g : pgen;
        if (gens :== null)
            return;
        while (gens.len_() > 0)
        {
            g = (pgen) gens.at(gens.len_() - 1);
            gens.removeAt(gens.len_() - 1);
            g.close();
        }
    }

    void setBoot(var b : .internal.object) { boot = b; }
    string typeName() { return "module"; }
    // Overridden by the generated module: runs function number idx.
    pobject invoke(var idx : int, var f : pfunc, var args : pobject[])
    {
        throw err("SystemError", "no function " + idx);
    }
    // print(*args, sep=' ', end='\n')
    pobject print(var args : pobject[], var kw : pdict)
    {
        var sep : string;
        var end : string;
        var s : string;
        var i : int;
        var x : pobject;
        sep = " ";
        end = "\n";
        if (kw :!= null)
        {
            x = kw.getOr("sep", null);
            if (x :!= null)
            {
                if (x.tag() != 1)
                    sep = x.str_();
            }
            x = kw.getOr("end", null);
            if (x :!= null)
            {
                if (x.tag() != 1)
                    end = x.str_();
            }
        }
        s = "";
        i = 0;
        while (i < args.size())
        {
            if (i > 0)
                s = s + sep;
            x = args[i];
            s = s + x.str_();
            i = i + 1;
        }
        boot.16(s + end);
        return none();
    }
    // sys.stdout.write(s)
    pobject stdoutWrite(var args : pobject[], var kw : pdict)
    {
        var x : pobject;
        if (args.size() != 1 || kw :!= null)
            throw err("TypeError", "write() takes exactly one argument");
        x = args[0];
        if (x.tag() != 4)
            throw err("TypeError", "write() argument must be str, not " + x.typeName());
        boot.16(x.str_());
        return new pint(x.len_());
    }
    // time.sleep, in milliseconds (an int).
    pobject sleepMs(var ms : pobject)
    {
        var n : long;
        if (ms.tag() != 3)
            throw err("TypeError", "'" + ms.typeName() + "' object cannot be interpreted as an integer");
        n = ((pint) ms).val();
        if (n < 0)
            throw err("ValueError", "sleep length must be non-negative");
        boot.21(n);
        return none();
    }
    // sys.argv, from the kernel environment entries py.argv.N=value that
    // `phantom run prog.py args` sets.
    plist argv()
    {
        var env : string[];
        var l : plist;
        var i : int;
        var n : int;
        var e : string;
        var key : string;
        env = boot.23();
        n = 0;
        l = new plist();
        key = "py.argv." + n + "=";
        i = 0;
        while (i < env.size())
        {
            e = env[i];
            if (e.length() >= key.length())
            {
                if (sub(e, 0, key.length()) == key)
                {
                    l.append(new pstr(tail(e, key.length())));
                    n = n + 1;
                    key = "py.argv." + n + "=";
                    i = -1;
                }
            }
            i = i + 1;
        }
        return l;
    }
};

// staticmethod (kind 1), classmethod (2) and property (3) objects, as the
// decorators make them; instances and classes look through them.
class pdescr extends pobject
{
    var kind : int;
    var fn : pobject;
    var fset : pobject;

    void pdescr(var k : int, var f : pobject)
    {
        kind = k;
        fn = f;
        fset = null;
    }
    int tag() { return 14; }
    int kindOf() { return kind; }
    pobject func() { return fn; }
    string typeName()
    {
        if (kind == 1)
            return "staticmethod";
        if (kind == 2)
            return "classmethod";
        return "property";
    }
    string methodNames() { return "|setter|getter|"; }
    pobject callMethod(var name : string, var args : pobject[], var kw : pdict)
    {
        var d : pdescr;
        if (kind == 3 && name == "setter")
        {
            d = new pdescr(3, fn);
            d.setSetter(args[0]);
            return d;
        }
        if (kind == 3 && name == "getter")
        {
            d = new pdescr(3, args[0]);
            d.setSetter(fset);
            return d;
        }
        throw errAttr(name);
    }
    void setSetter(var f : pobject) { fset = f; }
    // The attribute as an instance `self` of class `cls` sees it.
    pobject forInstance(var self : pobject, var cls : ptype)
    {
        if (kind == 1)
            return fn;
        if (kind == 2)
            return new pbound(cls, fn);
        return fn.call(arr1(self), null);
    }
    // The attribute as class `cls` itself sees it.
    pobject forClass(var cls : ptype)
    {
        if (kind == 1)
            return fn;
        if (kind == 2)
            return new pbound(cls, fn);
        return this;
    }
    // Assigning through a property: 1 if done, 0 if this is no property.
    int set(var self : pobject, var v : pobject, var name : string)
    {
        if (kind != 3)
            return 0;
        if (fset :== null)
            throw err("AttributeError", "property '" + name + "' of '" + self.typeName() + "' object has no setter");
        fset.call(arr2(self, v), null);
        return 1;
    }
    pobject call(var args : pobject[], var kw : pdict)
    {
        if (kind == 1)
            return fn.call(args, kw);
        throw errOf("TypeError", "'", "' object is not callable");
    }
};

// A generator: the function runs in a VM thread of its own, handing each
// yielded value over through two semaphores, so exactly one of the
// consumer and the generator runs at a time. Generators still suspended
// when the program ends are closed (GeneratorExit at their yield, so
// their finally blocks run) and their threads end with the program's.
class pgen extends pobject
{
    var mod : pmodule;
    var fn : pfunc;
    var args : pobject[];
    var resume : .internal.sema;
    var produced : .internal.sema;
    var value : pobject;
    var exc : pobject;
    // 0 not started, 1 started, 2 finished.
    var state : int;
    var closing : int;

    void pgen(var m : pmodule, var f : pfunc, var a : pobject[])
    {
        mod = m;
        fn = f;
        args = a;
        resume = new .internal.sema();
        produced = new .internal.sema();
        value = null;
        exc = null;
        state = 0;
        closing = 0;
    }
    int tag() { return 16; }
    string typeName() { return "generator"; }
    string repr_() { return "<generator object " + fn.name() + ">"; }
    pobject iter() { return this; }
    pobject next()
    {
        var x : pobject;
        if (state == 2)
            return null;
        if (state == 0)
        {
            state = 1;
            mod.register(this);
            args[args.size()] = this;
            mod.startThread(this);
        }
        else
            resume.release();
        produced.acquire();
        if (exc :!= null)
        {
            x = exc;
            exc = null;
            throw x;
        }
        if (state == 2)
            return null;
        return value;
    }
    // The generator's thread: the function body, to its end.
    void run(var b) [8]
    {
        var e : pobject;
        try
        {
            mod.invoke(fn.index(), fn, args);
        }
        catch (.internal.object x)
        {
            e = pyExc(x);
            if (closing == 0)
                exc = e;
        }
        state = 2;
        mod.unregister(this);
        produced.release();
    }
    // yield v: hands v over and waits to be resumed.
    pobject yield_(var v : pobject)
    {
        value = v;
        produced.release();
        resume.acquire();
        if (closing)
            throw new ptype("GeneratorExit").call(arr0(), null);
        return none();
    }
    // Ends a suspended generator: GeneratorExit at its yield.
    void close()
    {
        if (state != 1)
        {
            state = 2;
            return;
        }
        closing = 1;
        resume.release();
        produced.acquire();
        exc = null;
    }
    string methodNames() { return "|close|"; }
    pobject callMethod(var name : string, var a : pobject[], var kw : pdict)
    {
        if (name == "close")
        {
            close();
            mod.unregister(this);
            return none();
        }
        throw errAttr(name);
    }
};
