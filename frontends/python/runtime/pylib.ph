// Built-in functions, str methods and string formatting.

package .py;

// Lazy iterators of enumerate (kind 0), zip (1), map (2) and filter (3).
class pbiter extends pobject
{
    var kind : int;
    var its : pobject[];
    var fn : pobject;
    var count : long;

    void pbiter(var k : int, var f : pobject, var iters : pobject[], var start : long)
    {
        kind = k;
        fn = f;
        its = iters;
        count = start;
    }
    string typeName()
    {
        if (kind == 0)
            return "enumerate";
        if (kind == 1)
            return "zip";
        if (kind == 2)
            return "map";
        return "filter";
    }
    pobject iter() { return this; }
    pobject next()
    {
        var it : pobject;
        var x : pobject;
        var t : ptuple;
        var a : pobject[];
        var i : int;
        if (kind == 0)
        {
            it = its[0];
            x = it.next();
            if (x :== null)
                return null;
            t = new ptuple();
            t.append(new pint(count));
            t.append(x);
            count = count + 1;
            return t;
        }
        if (kind == 3)
        {
            it = its[0];
            x = it.next();
            while (x :!= null)
            {
                if (fn.tag() == 1)
                {
                    if (x.truth())
                        return x;
                }
                else
                {
                    a = new pobject[]();
                    a[0] = x;
                    if (fn.call(a, null).truth())
                        return x;
                }
                x = it.next();
            }
            return null;
        }
        a = new pobject[]();
        i = 0;
        while (i < its.size())
        {
            it = its[i];
            x = it.next();
            if (x :== null)
                return null;
            a[i] = x;
            i = i + 1;
        }
        if (kind == 2)
            return fn.call(a, null);
        return new pbuiltins().tupleOf(a);
    }
};

class pbuiltins extends pobject
{
    ptuple tupleOf(var a : pobject[])
    {
        var t : ptuple;
        var i : int;
        t = new ptuple();
        i = 0;
        while (i < a.size())
        {
            t.append(a[i]);
            i = i + 1;
        }
        return t;
    }
    ptuple tupleFrom(var o : pobject)
    {
        if (o.tag() == 6)
            return (ptuple) o;
        return toList(o).asTuple();
    }
    long intArg(var o : pobject, var fname : string)
    {
        if (o.tag() != 3)
        {
            if (o.tag() != 2)
                throw err("TypeError", "'" + o.typeName() + "' object cannot be interpreted as an integer");
        }
        return ((pint) o).val();
    }
    pobject intArg0(var o : pobject)
    {
        if (o.tag() != 3)
        {
            if (o.tag() != 2)
                throw err("TypeError", "'" + o.typeName() + "' object cannot be interpreted as an integer");
        }
        return o;
    }
    pobject gcd(var a : pobject, var b : pobject)
    {
        var t : pobject;
        if (a.lt(new pint(0)))
            a = a.neg();
        if (b.lt(new pint(0)))
            b = b.neg();
        while (b.truth())
        {
            t = a.mod(b);
            a = b;
            b = t;
        }
        return a;
    }
    pobject lcm(var a : pobject, var b : pobject)
    {
        var g : pobject;
        if (a.truth() == 0 || b.truth() == 0)
            return new pint(0);
        g = gcd(a, b);
        a = a.floordiv(g).mul(b);
        if (a.lt(new pint(0)))
            return a.neg();
        return a;
    }
    void nargs(var fname : string, var args : pobject[], var lo : int, var hi : int)
    {
        if (args.size() < lo || args.size() > hi)
        {
            if (lo == hi)
                throw err("TypeError", fname + "() takes exactly " + lo + " argument (" + args.size() + " given)");
            throw err("TypeError", fname + " expected at most " + hi + " arguments, got " + args.size());
        }
    }
    pobject kwArg(var kw : pdict, var name : string)
    {
        if (kw :== null)
            return null;
        return kw.getOr(name, null);
    }
    // int(s): optional sign, decimal digits (with single underscores
    // between them), surrounding whitespace.
    pobject parseInt(var s : string)
    {
        var t : string;
        var clean : string;
        var i : int;
        var c : int;
        var digits : int;
        t = new pstrmethods().strip(s, " \t\n\r");
        clean = "";
        i = 0;
        if (at(t, 0) == 45 || at(t, 0) == 43)
        {
            if (at(t, 0) == 45)
                clean = "-";
            i = 1;
        }
        digits = 0;
        while (i < t.length())
        {
            c = t.charAt(i);
            if (c >= 48 && c <= 57)
            {
                clean = clean + sub(t, i, 1);
                digits = digits + 1;
            }
            else if (c != 95 || digits == 0 || at(t, i + 1) < 48 || at(t, i + 1) > 57)
                throw err("ValueError", "invalid literal for int() with base 10: " + reprStr(s));
            i = i + 1;
        }
        if (digits == 0)
            throw err("ValueError", "invalid literal for int() with base 10: " + reprStr(s));
        return new pbig().fromStr(clean).norm();
    }
    // int(s, base): base 2..36, or 0 for a prefix (0x, 0o, 0b) or decimal.
    pobject parseBase(var s : string, var base : long)
    {
        var t : string;
        var i : int;
        var c : int;
        var d : int;
        var neg : int;
        var digits : int;
        var r : pobject;
        var b : long;
        var p : int;
        if (base != 0 && (base < 2 || base > 36))
            throw err("ValueError", "int() base must be >= 2 and <= 36, or 0");
        t = new pstrmethods().strip(s, " \t\n\r");
        i = 0;
        neg = 0;
        if (at(t, 0) == 45 || at(t, 0) == 43)
        {
            neg = at(t, 0) == 45;
            i = 1;
        }
        b = base;
        // A prefix that matches the base (or sets it for base 0).
        p = 0;
        if (at(t, i) == 48)
        {
            c = at(t, i + 1);
            if ((c == 120 || c == 88) && (base == 16 || base == 0))
                p = 16;
            if ((c == 111 || c == 79) && (base == 8 || base == 0))
                p = 8;
            if ((c == 98 || c == 66) && (base == 2 || base == 0))
                p = 2;
        }
        if (p > 0)
        {
            b = p;
            i = i + 2;
            if (at(t, i) == 95)
                i = i + 1;
        }
        if (b == 0)
            b = 10;
        r = new pint(0);
        digits = 0;
        while (i < t.length())
        {
            c = t.charAt(i);
            d = 99;
            if (c >= 48 && c <= 57)
                d = c - 48;
            if (c >= 97 && c <= 122)
                d = c - 87;
            if (c >= 65 && c <= 90)
                d = c - 55;
            if (d < b)
            {
                r = r.mul(new pint(b)).add(new pint(d));
                digits = digits + 1;
            }
            else if (c != 95 || digits == 0 || at(t, i + 1) < 0)
                throw err("ValueError", "invalid literal for int() with base " + base + ": " + reprStr(s));
            i = i + 1;
        }
        if (digits == 0)
            throw err("ValueError", "invalid literal for int() with base " + base + ": " + reprStr(s));
        // Base 0 takes no leading zeros on a decimal number but 0 itself.
        if (base == 0 && p == 0 && at(t, neg) == 48 && r.truth())
            throw err("ValueError", "invalid literal for int() with base 0: " + reprStr(s));
        if (neg)
            return r.neg();
        return r;
    }
    // minimum (want < 0) or maximum (want > 0) of an iterable or arguments.
    pobject minmax(var fname : string, var args : pobject[], var kw : pdict, var want : int)
    {
        var it : pobject;
        var x : pobject;
        var best : pobject;
        var bk : pobject;
        var k : pobject;
        var key : pobject;
        var a : pobject[];
        key = kwArg(kw, "key");
        if (key :!= null)
        {
            if (key.tag() == 1)
                key = null;
        }
        if (args.size() == 1)
            it = ((pobject) args[0]).iter();
        else
            it = tupleOf(args).iter();
        best = null;
        bk = null;
        x = it.next();
        while (x :!= null)
        {
            k = x;
            if (key :!= null)
            {
                a = new pobject[]();
                a[0] = x;
                k = key.call(a, null);
            }
            if (best :== null)
            {
                best = x;
                bk = k;
            }
            else if (want < 0)
            {
                if (k.lt(bk))
                {
                    best = x;
                    bk = k;
                }
            }
            else
            {
                if (k.gt(bk))
                {
                    best = x;
                    bk = k;
                }
            }
            x = it.next();
        }
        if (best :== null)
        {
            x = kwArg(kw, "default");
            if (x :!= null)
                return x;
            throw err("ValueError", fname + "() arg is an empty sequence");
        }
        return best;
    }
    string digits(var v : long, var base : int)
    {
        var d : string;
        var s : string;
        d = "0123456789abcdef";
        if (v == 0)
            return "0";
        s = "";
        while (v > 0)
        {
            s = sub(d, v % base, 1) + s;
            v = v / base;
        }
        return s;
    }
    pobject radix(var o : pobject, var base : int, var prefix : string)
    {
        var v : long;
        var r : string;
        var d : string;
        var x : pobject;
        var b : pobject;
        if (o.isBig())
        {
            // Digit by digit with int arithmetic.
            d = "0123456789abcdef";
            b = new pint(base);
            x = o;
            if (o.lt(new pint(0)))
                x = o.neg();
            r = "";
            while (x.truth())
            {
                r = sub(d, ((pint) x.mod(b)).val(), 1) + r;
                x = x.floordiv(b);
            }
            if (o.lt(new pint(0)))
                return new pstr("-" + prefix + r);
            return new pstr(prefix + r);
        }
        v = intArg(o, prefix);
        if (v < 0)
            return new pstr("-" + prefix + digits(-v, base));
        return new pstr(prefix + digits(v, base));
    }

    pobject call(var name : string, var args : pobject[], var kw : pdict)
    {
        var x : pobject;
        var y : pobject;
        var l : plist;
        var d : pdict;
        var a : pobject[];
        var i : int;
        var v : long;
        var m : long;
        var r : pobject;
        var t : ptuple;
        if (name == "len")
        {
            nargs(name, args, 1, 1);
            x = args[0];
            return new pint(x.len_());
        }
        if (name == "str")
        {
            if (args.size() == 0)
                return new pstr("");
            x = args[0];
            return new pstr(x.str_());
        }
        if (name == "repr")
        {
            nargs(name, args, 1, 1);
            x = args[0];
            return new pstr(x.repr_());
        }
        if (name == "int")
        {
            if (args.size() == 0)
                return new pint(0);
            x = args[0];
            if (args.size() > 1 || kwArg(kw, "base") :!= null)
            {
                if (args.size() > 1)
                    y = args[1];
                else
                    y = kwArg(kw, "base");
                if (x.tag() != 4)
                    throw err("TypeError", "int() can't convert non-string with explicit base");
                return parseBase(x.str_(), intArg(y, name));
            }
            if (x.isBig())
                return x;
            if (x.tag() == 3 || x.tag() == 2)
                return new pint(((pint) x).val());
            if (x.tag() == 4)
                return parseInt(x.str_());
            throw err("TypeError", "int() argument must be a string, a bytes-like object or a real number, not '" + x.typeName() + "'");
        }
        if (name == "bool")
        {
            if (args.size() == 0)
                return bool_(0);
            x = args[0];
            return bool_(x.truth());
        }
        if (name == "list")
        {
            if (args.size() == 0)
                return new plist();
            return toList(args[0]);
        }
        if (name == "tuple")
        {
            if (args.size() == 0)
                return new ptuple();
            return tupleFrom(args[0]);
        }
        if (name == "dict")
        {
            d = new pdict();
            if (args.size() > 0)
            {
                a = new pobject[]();
                a[0] = args[0];
                d.callMethod("update", a, null);
            }
            if (kw :!= null)
                d.with(kw);
            return d;
        }
        if (name == "range")
        {
            nargs(name, args, 1, 3);
            if (args.size() == 1)
                return new prange(0, intArg(args[0], name), 1);
            if (args.size() == 2)
                return new prange(intArg(args[0], name), intArg(args[1], name), 1);
            return new prange(intArg(args[0], name), intArg(args[1], name), intArg(args[2], name));
        }
        if (name == "abs")
        {
            nargs(name, args, 1, 1);
            x = args[0];
            if (x.tag() == 11)
            {
                r = ((pinst) x).dunder("__abs__", null, null);
                if (r :!= null)
                    return r;
            }
            if (x.lt(new pint(0)))
                return x.neg();
            return x.pos();
        }
        if (name == "min")
            return minmax(name, args, kw, -1);
        if (name == "max")
            return minmax(name, args, kw, 1);
        if (name == "sum")
        {
            nargs(name, args, 1, 2);
            if (args.size() > 1)
                r = args[1];
            else
                r = new pint(0);
            x = args[0];
            x = x.iter();
            y = x.next();
            while (y :!= null)
            {
                r = r.add(y);
                y = x.next();
            }
            return r;
        }
        if (name == "sorted")
        {
            nargs(name, args, 1, 1);
            l = toList(args[0]);
            l.callMethod("sort", new pobject[](), kw);
            return l;
        }
        if (name == "reversed")
        {
            nargs(name, args, 1, 1);
            l = toList(args[0]);
            l.reverse();
            return l.iter();
        }
        if (name == "enumerate")
        {
            nargs(name, args, 1, 2);
            a = new pobject[]();
            x = args[0];
            a[0] = x.iter();
            v = 0;
            if (args.size() > 1)
                v = intArg(args[1], name);
            x = kwArg(kw, "start");
            if (x :!= null)
                v = intArg(x, name);
            return new pbiter(0, null, a, v);
        }
        if (name == "zip" || name == "map")
        {
            a = new pobject[]();
            i = 0;
            if (name == "map")
                i = 1;
            while (i < args.size())
            {
                x = args[i];
                if (name == "map")
                    a[i - 1] = x.iter();
                else
                    a[i] = x.iter();
                i = i + 1;
            }
            if (name == "map")
                return new pbiter(2, args[0], a, 0);
            return new pbiter(1, null, a, 0);
        }
        if (name == "filter")
        {
            nargs(name, args, 2, 2);
            a = new pobject[]();
            x = args[1];
            a[0] = x.iter();
            return new pbiter(3, args[0], a, 0);
        }
        if (name == "isinstance" || name == "issubclass")
        {
            nargs(name, args, 2, 2);
            x = args[0];
            y = args[1];
            if (name == "isinstance")
                x = x.pyType();
            if (y.tag() == 6)
            {
                t = (ptuple) y;
                i = 0;
                while (i < t.len_())
                {
                    if (((ptype) t.at(i)).isSuperOf((ptype) x))
                        return bool_(1);
                    i = i + 1;
                }
                return bool_(0);
            }
            if (y.tag() != 10)
                throw err("TypeError", name + "() arg 2 must be a type, a tuple of types, or a union");
            return bool_(((ptype) y).isSuperOf((ptype) x));
        }
        if (name == "type")
        {
            nargs(name, args, 1, 1);
            x = args[0];
            return x.pyType();
        }
        if (name == "chr")
        {
            nargs(name, args, 1, 1);
            return new pstr(chr1(intArg(args[0], name)));
        }
        if (name == "ord")
        {
            nargs(name, args, 1, 1);
            x = args[0];
            if (x.tag() != 4)
                throw err("TypeError", "ord() expected string of length 1, but " + x.typeName() + " found");
            if (x.len_() != 1)
                throw err("TypeError", "ord() expected a character, but string of length " + x.len_() + " found");
            return new pint(x.str_().charAt(0));
        }
        if (name == "hex")
            return radix(args[0], 16, "0x");
        if (name == "oct")
            return radix(args[0], 8, "0o");
        if (name == "bin")
            return radix(args[0], 2, "0b");
        if (name == "divmod")
        {
            nargs(name, args, 2, 2);
            x = args[0];
            t = new ptuple();
            t.append(x.floordiv(args[1]));
            t.append(x.mod(args[1]));
            return t;
        }
        if (name == "pow")
        {
            nargs(name, args, 2, 3);
            x = args[0];
            if (args.size() == 2)
                return x.pow(args[1]);
            v = intArg(args[1], name);
            m = intArg(args[2], name);
            if (m == 0)
                throw err("ValueError", "pow() 3rd argument cannot be 0");
            if (v < 0)
                throw err("ValueError", "negative exponents with a modulus are not supported yet");
            y = new pint(m);
            r = new pint(1).mod(y);
            x = x.mod(y);
            while (v > 0)
            {
                if (v % 2 == 1)
                    r = r.mul(x).mod(y);
                x = x.mul(x).mod(y);
                v = v / 2;
            }
            return r;
        }
        if (name == "any" || name == "all")
        {
            nargs(name, args, 1, 1);
            x = args[0];
            x = x.iter();
            y = x.next();
            while (y :!= null)
            {
                if (y.truth())
                {
                    if (name == "any")
                        return bool_(1);
                }
                else if (name == "all")
                    return bool_(0);
                y = x.next();
            }
            return bool_(name == "all");
        }
        if (name == "iter")
        {
            nargs(name, args, 1, 1);
            x = args[0];
            return x.iter();
        }
        if (name == "next")
        {
            nargs(name, args, 1, 2);
            x = args[0];
            y = x.next();
            if (y :== null)
            {
                if (args.size() > 1)
                    return args[1];
                throw new ptype("StopIteration").call(new pobject[](), null);
            }
            return y;
        }
        if (name == "hash")
        {
            nargs(name, args, 1, 1);
            x = args[0];
            return new pint(x.hash64());
        }
        if (name == "round")
        {
            nargs(name, args, 1, 2);
            x = args[0];
            if (x.tag() != 3 && x.tag() != 2)
                throw err("NotImplementedError", "round() of floats is not supported yet");
            return new pint(((pint) x).val());
        }
        if (name == "callable")
        {
            x = args[0];
            i = x.tag();
            return bool_(i == 9 || i == 10 || i == 12 || i == 13);
        }
        if (name == "getattr")
        {
            nargs(name, args, 2, 3);
            x = args[0];
            y = args[1];
            if (args.size() == 2)
                return x.getattr(y.str_());
            try
            {
                r = x.getattr(y.str_());
            }
            catch (pobject e)
            {
                if (excMatch(e, new ptype("AttributeError")))
                    return args[2];
                throw e;
            }
            return r;
        }
        if (name == "hasattr")
        {
            nargs(name, args, 2, 2);
            x = args[0];
            y = args[1];
            try
            {
                x.getattr(y.str_());
            }
            catch (pobject e)
            {
                if (excMatch(e, new ptype("AttributeError")))
                    return bool_(0);
                throw e;
            }
            return bool_(1);
        }
        if (name == "setattr")
        {
            nargs(name, args, 3, 3);
            x = args[0];
            y = args[1];
            x.setattr(y.str_(), args[2]);
            return none();
        }
        if (name == "math.gcd" || name == "math.lcm")
        {
            r = new pint(0);
            if (name == "math.lcm")
                r = new pint(1);
            i = 0;
            while (i < args.size())
            {
                intArg0(args[i]);
                if (name == "math.gcd")
                    r = gcd(r, args[i]);
                else
                    r = lcm(r, args[i]);
                i = i + 1;
            }
            return r;
        }
        if (name == "math.factorial")
        {
            nargs(name, args, 1, 1);
            x = intArg0(args[0]);
            if (x.lt(new pint(0)))
                throw err("ValueError", "factorial() not defined for negative values");
            r = new pint(1);
            y = new pint(2);
            while (y.le(x))
            {
                r = r.mul(y);
                y = y.add(new pint(1));
            }
            return r;
        }
        if (name == "math.isqrt")
        {
            nargs(name, args, 1, 1);
            x = intArg0(args[0]);
            if (x.lt(new pint(0)))
                throw err("ValueError", "isqrt() argument must be nonnegative");
            if (x.truth() == 0)
                return x;
            // Newton's method from above, on ints.
            r = x;
            y = r.add(new pint(1)).floordiv(new pint(2));
            while (y.lt(r))
            {
                r = y;
                y = r.add(x.floordiv(r)).floordiv(new pint(2));
            }
            return r;
        }
        if (name == "math.comb" || name == "math.perm")
        {
            nargs(name, args, 1, 2);
            x = intArg0(args[0]);
            if (args.size() > 1)
                y = intArg0(args[1]);
            else
                y = x;
            if (x.lt(new pint(0)) || y.lt(new pint(0)))
                throw err("ValueError", "n must be a non-negative integer");
            if (y.gt(x))
                return new pint(0);
            r = new pint(1);
            t = null;
            m = 0;
            v = ((pint) y).val();
            while (m < v)
            {
                r = r.mul(x.sub(new pint(m)));
                if (name == "math.comb")
                    r = r.floordiv(new pint(m + 1));
                m = m + 1;
            }
            return r;
        }
        if (name == "object")
            return new pinst(new ptype("object"));
        if (name == "set")
        {
            nargs(name, args, 0, 1);
            if (args.size() == 0)
                return new pset();
            return new pset().asSet(args[0]).copyOrSelf(args[0]);
        }
        if (name == "staticmethod")
            return new pdescr(1, args[0]);
        if (name == "classmethod")
            return new pdescr(2, args[0]);
        if (name == "property")
            return new pdescr(3, args[0]);
        throw err("NameError", "name '" + name + "' is not defined");
    }
};

// Methods of str, on the byte string s.
class pstrmethods extends pobject
{
    // s split at every occurrence of sep (not empty).
    string[] splitOn(var s : string, var sep : string)
    {
        var r : string[];
        var n : int;
        var i : int;
        var rest : string;
        r = new string[]();
        n = 0;
        rest = s;
        i = rest.strstr(sep);
        while (i >= 0)
        {
            r[n] = sub(rest, 0, i);
            n = n + 1;
            rest = tail(rest, i + sep.length());
            i = rest.strstr(sep);
        }
        r[n] = rest;
        return r;
    }
    int isSpace(var c : int)
    {
        return c == 32 || c == 9 || c == 10 || c == 13 || c == 11 || c == 12;
    }
    int inSet(var c : int, var chars : string)
    {
        var i : int;
        i = 0;
        while (i < chars.length())
        {
            if (chars.charAt(i) == c)
                return 1;
            i = i + 1;
        }
        return 0;
    }
    string stripSide(var s : string, var chars : string, var left : int, var right : int)
    {
        var i : int;
        var j : int;
        i = 0;
        j = s.length();
        if (left)
        {
            while (inSet(at(s, i), chars) && i < j)
                i = i + 1;
        }
        if (right)
        {
            while (inSet(at(s, j - 1), chars) && j > i)
                j = j - 1;
        }
        return sub(s, i, j - i);
    }
    string strip(var s : string, var chars : string) { return stripSide(s, chars, 1, 1); }
    string mapCase(var s : string, var up : int)
    {
        var r : string;
        var i : int;
        var c : int;
        var lo : string;
        var hi : string;
        lo = "abcdefghijklmnopqrstuvwxyz";
        hi = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        r = "";
        i = 0;
        while (i < s.length())
        {
            c = s.charAt(i);
            if (up && c >= 97 && c <= 122)
                r = r + sub(hi, c - 97, 1);
            else if (up == 0 && c >= 65 && c <= 90)
                r = r + sub(lo, c - 65, 1);
            else
                r = r + sub(s, i, 1);
            i = i + 1;
        }
        return r;
    }
    // Whether every byte passes test (1 digit, 2 alpha, 3 alnum, 4 space,
    // 5 no lower case letter, 6 no upper case letter) and s is not empty.
    int allBytes(var s : string, var test : int)
    {
        var i : int;
        var c : int;
        var d : int;
        var a : int;
        var cased : int;
        if (s.length() == 0)
            return 0;
        cased = 0;
        i = 0;
        while (i < s.length())
        {
            c = s.charAt(i);
            d = c >= 48 && c <= 57;
            a = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
            if (test == 1 && d == 0)
                return 0;
            if (test == 2 && a == 0)
                return 0;
            if (test == 3 && a == 0 && d == 0)
                return 0;
            if (test == 4 && isSpace(c) == 0)
                return 0;
            if (test == 5 && c >= 97 && c <= 122)
                return 0;
            if (test == 6 && c >= 65 && c <= 90)
                return 0;
            if (a)
                cased = 1;
            i = i + 1;
        }
        if (test >= 5)
            return cased;
        return 1;
    }
    string arg(var args : pobject[], var i : int, var meth : string)
    {
        var x : pobject;
        if (i >= args.size())
            throw err("TypeError", meth + "() takes more arguments");
        x = args[i];
        if (x.tag() != 4)
            throw err("TypeError", "must be str, not " + x.typeName());
        return x.str_();
    }
    int find(var s : string, var sub : string, var start : int)
    {
        var i : int;
        if (start < 0)
            start = start + s.length();
        if (start < 0)
            start = 0;
        if (start > s.length())
            return -1;
        i = tail(s, start).strstr(sub);
        if (i < 0)
            return -1;
        return i + start;
    }
    int rfind(var s : string, var sub : string)
    {
        var i : int;
        var last : int;
        last = -1;
        i = find(s, sub, 0);
        while (i >= 0)
        {
            last = i;
            if (i + 1 > s.length())
                return last;
            i = find(s, sub, i + 1);
        }
        return last;
    }
    string pad(var s : string, var width : long, var fill : string, var align : int)
    {
        var n : long;
        var left : long;
        var r : string;
        n = width - s.length();
        if (n <= 0)
            return s;
        left = 0;
        if (align == 1)
            left = n;
        if (align == 2)
            left = n / 2;
        if (align == 3)
            left = (n + (width & 1)) / 2;
        r = "";
        while (left > 0)
        {
            r = r + fill;
            left = left - 1;
            n = n - 1;
        }
        r = r + s;
        while (n > 0)
        {
            r = r + fill;
            n = n - 1;
        }
        return r;
    }
    plist splitWs(var s : string, var maxsplit : long)
    {
        var l : plist;
        var i : int;
        var j : int;
        var n : int;
        l = new plist();
        n = s.length();
        i = 0;
        while (i < n)
        {
            while (isSpace(at(s, i)))
                i = i + 1;
            if (i < n)
            {
                if (maxsplit >= 0 && l.len_() >= maxsplit)
                {
                    l.append(new pstr(stripSide(sub(s, i, n - i), " \t\n\r", 0, 1)));
                    return l;
                }
                j = i;
                while (j < n && isSpace(at(s, j)) == 0)
                    j = j + 1;
                l.append(new pstr(sub(s, i, j - i)));
                i = j;
            }
        }
        return l;
    }

    pobject run(var s : string, var name : string, var args : pobject[], var kw : pdict)
    {
        var l : plist;
        var parts : string[];
        var sep : string;
        var i : int;
        var n : long;
        var x : pobject;
        var it : pobject;
        var r : string;
        var t : ptuple;
        if (name == "split")
        {
            n = -1;
            x = null;
            if (args.size() > 0)
                x = args[0];
            if (kw :!= null)
            {
                if (kw.getOr("sep", null) :!= null)
                    x = kw.getOr("sep", null);
                if (kw.getOr("maxsplit", null) :!= null)
                    n = ((pint) kw.getOr("maxsplit", null)).val();
            }
            if (args.size() > 1)
                n = ((pint) args[1]).val();
            if (x :== null)
                return splitWs(s, n);
            if (x.tag() == 1)
                return splitWs(s, n);
            sep = x.str_();
            if (sep.length() == 0)
                throw err("ValueError", "empty separator");
            l = new plist();
            r = s;
            i = r.strstr(sep);
            while (i >= 0 && (n < 0 || l.len_() < n))
            {
                l.append(new pstr(sub(r, 0, i)));
                r = tail(r, i + sep.length());
                i = r.strstr(sep);
            }
            l.append(new pstr(r));
            return l;
        }
        if (name == "join")
        {
            x = args[0];
            it = x.iter();
            r = "";
            i = 0;
            x = it.next();
            while (x :!= null)
            {
                if (x.tag() != 4)
                    throw err("TypeError", "sequence item " + i + ": expected str instance, " + x.typeName() + " found");
                if (i > 0)
                    r = r + s;
                r = r + x.str_();
                i = i + 1;
                x = it.next();
            }
            return new pstr(r);
        }
        if (name == "strip" || name == "lstrip" || name == "rstrip")
        {
            sep = " \t\n\r";
            if (args.size() > 0)
            {
                x = args[0];
                if (x.tag() != 1)
                    sep = x.str_();
            }
            return new pstr(stripSide(s, sep, name != "rstrip", name != "lstrip"));
        }
        if (name == "replace")
        {
            parts = splitOn(s, arg(args, 0, name));
            if (arg(args, 0, name).length() == 0)
                throw err("NotImplementedError", "str.replace with an empty pattern is not supported yet");
            n = -1;
            if (args.size() > 2)
                n = ((pint) args[2]).val();
            r = parts[0];
            i = 1;
            while (i < parts.size())
            {
                if (n < 0 || i <= n)
                    r = r + arg(args, 1, name) + parts[i];
                else
                    r = r + arg(args, 0, name) + parts[i];
                i = i + 1;
            }
            return new pstr(r);
        }
        if (name == "find" || name == "index")
        {
            i = 0;
            if (args.size() > 1)
                i = ((pint) args[1]).val();
            i = find(s, arg(args, 0, name), i);
            if (i < 0 && name == "index")
                throw err("ValueError", "substring not found");
            return new pint(i);
        }
        if (name == "rfind")
            return new pint(rfind(s, arg(args, 0, name)));
        if (name == "count")
        {
            sep = arg(args, 0, name);
            if (sep.length() == 0)
                return new pint(s.length() + 1);
            return new pint(splitOn(s, sep).size() - 1);
        }
        if (name == "startswith" || name == "endswith")
        {
            x = args[0];
            if (x.tag() == 6)
                t = (ptuple) x;
            else
            {
                t = new ptuple();
                t.append(x);
            }
            i = 0;
            while (i < t.len_())
            {
                sep = t.at(i).str_();
                if (sep.length() <= s.length())
                {
                    if (name == "startswith")
                    {
                        if (sub(s, 0, sep.length()) == sep)
                            return bool_(1);
                    }
                    else if (sub(s, s.length() - sep.length(), sep.length()) == sep)
                        return bool_(1);
                }
                i = i + 1;
            }
            return bool_(0);
        }
        if (name == "upper")
            return new pstr(mapCase(s, 1));
        if (name == "lower")
            return new pstr(mapCase(s, 0));
        if (name == "capitalize")
        {
            if (s.length() == 0)
                return new pstr(s);
            return new pstr(mapCase(sub(s, 0, 1), 1) + mapCase(tail(s, 1), 0));
        }
        if (name == "title")
        {
            r = "";
            i = 0;
            n = 0;
            while (i < s.length())
            {
                sep = sub(s, i, 1);
                if (allBytes(sep, 2))
                {
                    if (n)
                        r = r + mapCase(sep, 0);
                    else
                        r = r + mapCase(sep, 1);
                    n = 1;
                }
                else
                {
                    r = r + sep;
                    n = 0;
                }
                i = i + 1;
            }
            return new pstr(r);
        }
        if (name == "isdigit" || name == "isnumeric" || name == "isdecimal")
            return bool_(allBytes(s, 1));
        if (name == "isalpha")
            return bool_(allBytes(s, 2));
        if (name == "isalnum")
            return bool_(allBytes(s, 3));
        if (name == "isspace")
            return bool_(allBytes(s, 4));
        if (name == "isupper")
            return bool_(allBytes(s, 5));
        if (name == "islower")
            return bool_(allBytes(s, 6));
        if (name == "ljust" || name == "rjust" || name == "center")
        {
            sep = " ";
            if (args.size() > 1)
                sep = arg(args, 1, name);
            n = ((pint) args[0]).val();
            if (name == "ljust")
                return new pstr(pad(s, n, sep, 0));
            if (name == "rjust")
                return new pstr(pad(s, n, sep, 1));
            return new pstr(pad(s, n, sep, 3));
        }
        if (name == "zfill")
        {
            n = ((pint) args[0]).val();
            if (s.length() > 0)
            {
                if (s.charAt(0) == 45 || s.charAt(0) == 43)
                    return new pstr(sub(s, 0, 1) + pad(tail(s, 1), n - 1, "0", 1));
            }
            return new pstr(pad(s, n, "0", 1));
        }
        if (name == "format")
            return new pstr(new pfmt().format(s, args, kw));
        if (name == "splitlines")
        {
            l = new plist();
            parts = splitOn(s, "\n");
            i = 0;
            while (i < parts.size())
            {
                if (i < parts.size() - 1 || parts[i].length() > 0)
                    l.append(new pstr(parts[i]));
                i = i + 1;
            }
            return l;
        }
        if (name == "removeprefix" || name == "removesuffix")
        {
            sep = arg(args, 0, name);
            if (sep.length() <= s.length())
            {
                if (name == "removeprefix" && sub(s, 0, sep.length()) == sep)
                    return new pstr(tail(s, sep.length()));
                if (name == "removesuffix" && sep.length() > 0)
                {
                    if (tail(s, s.length() - sep.length()) == sep)
                        return new pstr(sub(s, 0, s.length() - sep.length()));
                }
            }
            return new pstr(s);
        }
        if (name == "swapcase")
        {
            r = "";
            i = 0;
            while (i < s.length())
            {
                sep = sub(s, i, 1);
                // An upper case letter (cased, none lower) goes down.
                if (allBytes(sep, 5))
                    r = r + mapCase(sep, 0);
                else
                    r = r + mapCase(sep, 1);
                i = i + 1;
            }
            return new pstr(r);
        }
        if (name == "rindex")
        {
            i = rfind(s, arg(args, 0, name));
            if (i < 0)
                throw err("ValueError", "substring not found");
            return new pint(i);
        }
        if (name == "rsplit")
        {
            if (args.size() > 1 || kw :!= null)
                throw err("NotImplementedError", "rsplit with maxsplit is not supported yet");
            return run(s, "split", args, kw);
        }
        if (name == "partition")
        {
            sep = arg(args, 0, name);
            t = new ptuple();
            i = s.strstr(sep);
            if (i < 0)
            {
                t.append(new pstr(s));
                t.append(new pstr(""));
                t.append(new pstr(""));
            }
            else
            {
                t.append(new pstr(sub(s, 0, i)));
                t.append(new pstr(sep));
                t.append(new pstr(tail(s, i + sep.length())));
            }
            return t;
        }
        throw err("AttributeError", "'str' object has no attribute '" + name + "'");
    }
};

// format(value, spec), str.format and the % operator.
class pfmt extends pobject
{
    // value formatted by a format spec [[fill]align][sign][0][width][,][type].
    string spec(var v : pobject, var sp : string)
    {
        var fill : string;
        var align : int;
        var sign : string;
        var width : long;
        var comma : int;
        var ty : int;
        var i : int;
        var c : int;
        var s : string;
        var neg : int;
        var val : long;
        var m : pstrmethods;
        var b : pbuiltins;
        m = new pstrmethods();
        if (sp.length() == 0)
            return v.str_();
        fill = " ";
        align = -1;
        sign = "";
        width = 0;
        comma = 0;
        ty = 0;
        i = 0;
        if (sp.length() >= 2)
        {
            c = sp.charAt(1);
            if (c == 60 || c == 62 || c == 94 || c == 61)
            {
                fill = sub(sp, 0, 1);
                i = 1;
            }
        }
        if (i < sp.length())
        {
            c = sp.charAt(i);
            if (c == 60)
                align = 0;
            if (c == 62)
                align = 1;
            if (c == 94)
                align = 2;
            if (c == 61)
                align = 4;
            if (align >= 0)
                i = i + 1;
        }
        if (i < sp.length())
        {
            c = sp.charAt(i);
            if (c == 43 || c == 45 || c == 32)
            {
                sign = sub(sp, i, 1);
                i = i + 1;
            }
        }
        if (i < sp.length())
        {
            if (sp.charAt(i) == 48)
            {
                if (align < 0)
                {
                    fill = "0";
                    align = 4;
                }
                i = i + 1;
            }
        }
        while (at(sp, i) >= 48 && at(sp, i) <= 57)
        {
            width = width * 10 + sp.charAt(i) - 48;
            i = i + 1;
        }
        if (i < sp.length())
        {
            if (sp.charAt(i) == 44)
            {
                comma = 1;
                i = i + 1;
            }
        }
        if (i < sp.length())
        {
            ty = sp.charAt(i);
            i = i + 1;
        }
        if (i < sp.length())
            throw err("ValueError", "format spec '" + sp + "' is not supported yet");
        if (v.tag() == 3 || v.tag() == 2)
        {
            if (ty != 0 && ty != 100 && ty != 120 && ty != 88 && ty != 111 && ty != 98)
                throw err("NotImplementedError", "format type '" + m.chr1(ty) + "' for int is not supported yet");
            b = new pbuiltins();
            if (v.isBig())
            {
                s = v.repr_();
                neg = at(s, 0) == 45;
                if (neg)
                    s = tail(s, 1);
                if (ty != 0 && ty != 100)
                    s = tail(b.radix(v, 16, "").str_(), neg);
                val = 0;
            }
            else
            {
                val = ((pint) v).val();
                neg = val < 0;
                if (neg)
                    val = -val;
            }
            if (v.isBig())
            {
                if (ty == 88)
                    s = m.mapCase(s, 1);
                if (ty == 111 || ty == 98)
                    throw err("NotImplementedError", "octal and binary formats of ints beyond 64 bits are not supported yet");
            }
            else if (ty == 120)
                s = b.digits(val, 16);
            else if (ty == 88)
                s = m.mapCase(b.digits(val, 16), 1);
            else if (ty == 111)
                s = b.digits(val, 8);
            else if (ty == 98)
                s = b.digits(val, 2);
            else
                s = b.digits(val, 10);
            if (comma)
                s = group(s);
            if (neg)
                sign = "-";
            else if (sign == "-")
                sign = "";
            if (align == 4)
                return sign + m.pad(s, width - sign.length(), fill, 1);
            if (align < 0)
                align = 1;
            return m.pad(sign + s, width, fill, align);
        }
        if (ty != 0 && ty != 115)
            throw err("ValueError", "Unknown format code '" + m.chr1(ty) + "' for object of type '" + v.typeName() + "'");
        if (align < 0)
            align = 0;
        return m.pad(v.str_(), width, fill, align);
    }
    string group(var s : string)
    {
        var r : string;
        var n : int;
        r = "";
        n = s.length();
        while (n > 3)
        {
            r = "," + sub(s, n - 3, 3) + r;
            n = n - 3;
        }
        return sub(s, 0, n) + r;
    }
    string format(var f : string, var args : pobject[], var kw : pdict)
    {
        var r : string;
        var i : int;
        var j : int;
        var auto : int;
        var field : string;
        var conv : string;
        var sp : string;
        var k : int;
        var v : pobject;
        r = "";
        auto = 0;
        i = 0;
        while (i < f.length())
        {
            if (f.charAt(i) == 123)
            {
                if (at(f, i + 1) == 123)
                {
                    r = r + "{";
                    i = i + 2;
                }
                else
                {
                    j = tail(f, i).strstr("}");
                    if (j < 0)
                        throw err("ValueError", "Single '{' encountered in format string");
                    field = sub(f, i + 1, j - 1);
                    i = i + j + 1;
                    sp = "";
                    k = field.strstr(":");
                    if (k >= 0)
                    {
                        sp = tail(field, k + 1);
                        field = sub(field, 0, k);
                    }
                    conv = "";
                    k = field.strstr("!");
                    if (k >= 0)
                    {
                        conv = tail(field, k + 1);
                        field = sub(field, 0, k);
                    }
                    if (field.length() == 0)
                    {
                        v = args[auto];
                        auto = auto + 1;
                    }
                    else if (new pstrmethods().allBytes(field, 1))
                        v = args[field.toInt()];
                    else
                    {
                        if (kw :== null)
                            throw err("KeyError", reprStr(field));
                        v = kw.getitem(new pstr(field));
                    }
                    if (conv == "r")
                        v = new pstr(v.repr_());
                    else if (conv == "s")
                        v = new pstr(v.str_());
                    r = r + spec(v, sp);
                }
            }
            else if (f.charAt(i) == 125)
            {
                if (at(f, i + 1) == 125)
                    i = i + 1;
                r = r + "}";
                i = i + 1;
            }
            else
            {
                r = r + sub(f, i, 1);
                i = i + 1;
            }
        }
        return r;
    }
    // fmt % values: %s %r %d %i %x %o %c %% with flags - and 0 and a width.
    string percent(var f : string, var vals : pobject)
    {
        var r : string;
        var i : int;
        var c : int;
        var left : int;
        var zero : int;
        var width : long;
        var n : int;
        var t : ptuple;
        var v : pobject;
        var s : string;
        var m : pstrmethods;
        m = new pstrmethods();
        if (vals.tag() == 6)
            t = (ptuple) vals;
        else
        {
            t = new ptuple();
            t.append(vals);
        }
        r = "";
        n = 0;
        i = 0;
        while (i < f.length())
        {
            c = f.charAt(i);
            if (c != 37)
            {
                r = r + sub(f, i, 1);
                i = i + 1;
            }
            else
            {
                i = i + 1;
                left = 0;
                zero = 0;
                width = 0;
                while (at(f, i) == 45 || at(f, i) == 48)
                {
                    if (f.charAt(i) == 45)
                        left = 1;
                    else
                        zero = 1;
                    i = i + 1;
                }
                while (at(f, i) >= 48 && at(f, i) <= 57)
                {
                    width = width * 10 + f.charAt(i) - 48;
                    i = i + 1;
                }
                if (i >= f.length())
                    throw err("ValueError", "incomplete format");
                c = f.charAt(i);
                i = i + 1;
                if (c == 37)
                    r = r + "%";
                else
                {
                    if (n >= t.len_())
                        throw err("TypeError", "not enough arguments for format string");
                    v = t.at(n);
                    n = n + 1;
                    if (c == 115)
                        s = v.str_();
                    else if (c == 114)
                        s = v.repr_();
                    else if (c == 100 || c == 105)
                        s = spec(new pbuiltins().call("int", one(v), null), "");
                    else if (c == 120)
                        s = spec(v, "x");
                    else if (c == 111)
                        s = spec(v, "o");
                    else if (c == 99)
                        s = m.chr1(((pint) v).val());
                    else
                        throw err("NotImplementedError", "%" + m.chr1(c) + " formatting is not supported yet");
                    if (left)
                        s = m.pad(s, width, " ", 0);
                    else if (zero)
                    {
                        if (at(s, 0) == 45)
                            s = "-" + m.pad(tail(s, 1), width - 1, "0", 1);
                        else
                            s = m.pad(s, width, "0", 1);
                    }
                    else
                        s = m.pad(s, width, " ", 1);
                    r = r + s;
                }
            }
        }
        if (n < t.len_())
            throw err("TypeError", "not all arguments converted during string formatting");
        return r;
    }
};
