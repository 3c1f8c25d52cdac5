// Integers beyond 64 bits. A pbig is an int (it extends pint, tag 3) that
// pint's arithmetic hands over to when a result does not fit in a long;
// results that fit again become plain pints. The magnitude is kept in
// base-10000 limbs, least significant first, so that printing is cheap.

package .py;

class pbig extends pint
{
    var minus : int;
    var d : int[];
    var n : int;

    // Zero; callers fill the limbs.
    void pbig()
    {
        minus = 0;
        d = new int[]();
        n = 0;
    }
    int isBig() { return 1; }
    long val()
    {
        throw err("OverflowError", "Python int too large to convert to C long");
    }
    int limbs() { return n; }
    int limb(var i : int)
    {
        if (i < 0 || i >= n)
            return 0;
        return d[i];
    }
    int isNeg() { return minus; }
    void setNeg(var s : int) { minus = s; }
    void push(var x : int)
    {
        d[n] = x;
        n = n + 1;
    }
    void trim()
    {
        while (n > 0 && limb(n - 1) == 0)
            n = n - 1;
        if (n == 0)
            minus = 0;
    }

    // ---- conversions

    pbig fromLong(var x : long)
    {
        var r : pbig;
        var q : long;
        var m : long;
        r = new pbig();
        if (x < 0)
            r.setNeg(1);
        // Digits of a negative number come out negative: no -x overflow.
        while (x != 0)
        {
            q = x / 10000;
            m = x - q * 10000;
            if (m < 0)
                m = -m;
            r.push(m);
            x = q;
        }
        return r;
    }
    pbig big(var o : pobject)
    {
        if (o.isBig())
            return (pbig) o;
        return fromLong(((pint) o).val());
    }
    pbig fromStr(var s : string)
    {
        var r : pbig;
        var i : int;
        var j : int;
        var start : int;
        var x : int;
        r = new pbig();
        start = 0;
        if (at(s, 0) == 45)
            start = 1;
        i = s.length();
        while (i > start)
        {
            j = i - 4;
            if (j < start)
                j = start;
            x = sub(s, j, i - j).toInt();
            r.push(x);
            i = j;
        }
        r.trim();
        if (start == 1 && r.limbs() > 0)
            r.setNeg(1);
        return r;
    }
    // This value as a pint when it fits in a long, else itself.
    pobject norm()
    {
        var v2 : long;
        var i : int;
        trim();
        if (n > 5)
            return this;
        if (n == 5)
        {
            // 9223372036854775807 is 922 3372 0368 5477 5807 in limbs.
            if (magCmpMax() > 0)
                return this;
        }
        v2 = 0;
        i = n - 1;
        while (i >= 0)
        {
            v2 = v2 * 10000 + limb(i);
            i = i - 1;
        }
        if (minus)
            v2 = -v2;
        return new pint(v2);
    }
    int magCmpMax()
    {
        var mx : pbig;
        mx = new pbig();
        mx.push(5807);
        mx.push(5477);
        mx.push(368);
        mx.push(3372);
        mx.push(922);
        return magCmp(this, mx);
    }

    // ---- magnitudes

    int magCmp(var a : pbig, var b : pbig)
    {
        var i : int;
        if (a.limbs() != b.limbs())
            return a.limbs() - b.limbs();
        i = a.limbs() - 1;
        while (i >= 0)
        {
            if (a.limb(i) != b.limb(i))
                return a.limb(i) - b.limb(i);
            i = i - 1;
        }
        return 0;
    }
    pbig magAdd(var a : pbig, var b : pbig)
    {
        var r : pbig;
        var i : int;
        var c : int;
        var m : int;
        r = new pbig();
        m = a.limbs();
        if (b.limbs() > m)
            m = b.limbs();
        c = 0;
        i = 0;
        while (i < m)
        {
            c = c + a.limb(i) + b.limb(i);
            r.push(c % 10000);
            c = c / 10000;
            i = i + 1;
        }
        if (c > 0)
            r.push(c);
        return r;
    }
    // a - b for |a| >= |b|.
    pbig magSub(var a : pbig, var b : pbig)
    {
        var r : pbig;
        var i : int;
        var c : int;
        r = new pbig();
        c = 0;
        i = 0;
        while (i < a.limbs())
        {
            c = a.limb(i) - b.limb(i) - c;
            if (c < 0)
            {
                r.push(c + 10000);
                c = 1;
            }
            else
            {
                r.push(c);
                c = 0;
            }
            i = i + 1;
        }
        r.trim();
        return r;
    }
    pbig magMul(var a : pbig, var b : pbig)
    {
        var r : pbig;
        var acc : long[];
        var i : int;
        var j : int;
        var t : long;
        var c : long;
        acc = new long[]();
        i = 0;
        while (i < a.limbs() + b.limbs() + 1)
        {
            acc[i] = 0;
            i = i + 1;
        }
        i = 0;
        while (i < a.limbs())
        {
            j = 0;
            while (j < b.limbs())
            {
                t = a.limb(i);
                acc[i + j] = acc[i + j] + t * b.limb(j);
                j = j + 1;
            }
            // Carry now and then so that the sums stay far from overflow.
            if (i % 1000 == 999)
                carry(acc, a.limbs() + b.limbs() + 1);
            i = i + 1;
        }
        carry(acc, a.limbs() + b.limbs() + 1);
        r = new pbig();
        i = 0;
        while (i < a.limbs() + b.limbs() + 1)
        {
            r.push(acc[i]);
            i = i + 1;
        }
        r.trim();
        return r;
    }
    void carry(var acc : long[], var m : int)
    {
        var i : int;
        var c : long;
        var t : long;
        c = 0;
        i = 0;
        while (i < m)
        {
            t = acc[i] + c;
            acc[i] = t % 10000;
            c = t / 10000;
            i = i + 1;
        }
    }
    // a * k + add for a small k (0..10000).
    pbig magMulSmall(var a : pbig, var k : int)
    {
        var r : pbig;
        var i : int;
        var c : int;
        r = new pbig();
        c = 0;
        i = 0;
        while (i < a.limbs())
        {
            c = a.limb(i) * k + c;
            r.push(c % 10000);
            c = c / 10000;
            i = i + 1;
        }
        while (c > 0)
        {
            r.push(c % 10000);
            c = c / 10000;
        }
        r.trim();
        return r;
    }
    // Quotient and remainder of magnitudes (b not zero): [q, r].
    pobject[] magDivmod(var a : pbig, var b : pbig)
    {
        var q : pbig;
        var r : pbig;
        var i : int;
        var lo : int;
        var hi : int;
        var mid : int;
        var digits : int[];
        var res : pobject[];
        r = new pbig();
        digits = new int[]();
        i = a.limbs() - 1;
        while (i >= 0)
        {
            // r = r * 10000 + limb i
            r = shiftIn(r, a.limb(i));
            // The largest digit k with b * k <= r, by bisection.
            lo = 0;
            hi = 9999;
            while (lo < hi)
            {
                mid = (lo + hi + 1) / 2;
                if (magCmp(magMulSmall(b, mid), r) <= 0)
                    lo = mid;
                else
                    hi = mid - 1;
            }
            if (lo > 0)
                r = magSub(r, magMulSmall(b, lo));
            digits[i] = lo;
            i = i - 1;
        }
        q = new pbig();
        i = 0;
        while (i < a.limbs())
        {
            q.push(digits[i]);
            i = i + 1;
        }
        q.trim();
        res = new pobject[]();
        res[0] = q;
        res[1] = r;
        return res;
    }
    pbig shiftIn(var r : pbig, var x : int)
    {
        var s : pbig;
        var i : int;
        s = new pbig();
        s.push(x);
        i = 0;
        while (i < r.limbs())
        {
            s.push(r.limb(i));
            i = i + 1;
        }
        s.trim();
        return s;
    }
    pbig signed(var m : pbig, var negative : int)
    {
        if (m.limbs() > 0)
            m.setNeg(negative);
        return m;
    }

    // ---- signed arithmetic on any two ints

    pobject bigAdd(var x : pbig, var y : pbig)
    {
        if (x.isNeg() == y.isNeg())
            return signed(magAdd(x, y), x.isNeg()).norm();
        if (magCmp(x, y) >= 0)
            return signed(magSub(x, y), x.isNeg()).norm();
        return signed(magSub(y, x), y.isNeg()).norm();
    }
    pbig negated(var x : pbig)
    {
        var r : pbig;
        r = magAdd(x, new pbig());
        return signed(r, x.isNeg() == 0);
    }
    pobject bigDivmod(var x : pbig, var y : pbig, var wantMod : int)
    {
        var qr : pobject[];
        var q : pbig;
        var r : pbig;
        var one : pbig;
        if (y.limbs() == 0)
        {
            if (wantMod)
                throw err("ZeroDivisionError", "integer modulo by zero");
            throw err("ZeroDivisionError", "integer division or modulo by zero");
        }
        qr = magDivmod(x, y);
        q = (pbig) qr[0];
        r = (pbig) qr[1];
        if (x.isNeg() != y.isNeg() && r.limbs() > 0)
        {
            // Floor: one more in magnitude, remainder from the other side.
            one = new pbig();
            one.push(1);
            q = magAdd(q, one);
            r = magSub(y, r);
        }
        if (wantMod)
            return signed(r, y.isNeg()).norm();
        return signed(q, x.isNeg() != y.isNeg()).norm();
    }

    // ---- the int protocol

    string repr_()
    {
        var s : string;
        var i : int;
        var x : int;
        if (n == 0)
            return "0";
        s = "";
        if (minus)
            s = "-";
        s = s + limb(n - 1);
        i = n - 2;
        while (i >= 0)
        {
            x = limb(i);
            if (x < 10)
                s = s + "000";
            else if (x < 100)
                s = s + "00";
            else if (x < 1000)
                s = s + "0";
            s = s + x;
            i = i - 1;
        }
        return s;
    }
    int truth() { return n != 0; }
    int hash_()
    {
        var h : int;
        var i : int;
        h = 0;
        i = 0;
        while (i < n)
        {
            h = h * 31 + limb(i);
            i = i + 1;
        }
        if (minus)
            return -h;
        return h;
    }
    long hash64()
    {
        var p : long;
        var r : pobject;
        p = 1073741824;
        p = p * 1073741824 * 2 - 1;
        if (minus)
            r = negated(this).mod(new pint(p)).neg();
        else
            r = mod(new pint(p));
        return r.hash64();
    }
    int cmpTo(var o : pobject)
    {
        var y : pbig;
        var c : int;
        y = big(o);
        if (minus != y.isNeg())
        {
            if (minus)
                return -1;
            return 1;
        }
        c = magCmp(this, y);
        if (minus)
            return -c;
        return c;
    }
    int eq(var o : pobject)
    {
        if (isInt(o))
            return cmpTo(o) == 0;
        return 0;
    }
    int lt(var o : pobject) { if (isInt(o)) return cmpTo(o) < 0; return o.rcmp("__gt__", "<", this); }
    int le(var o : pobject) { if (isInt(o)) return cmpTo(o) <= 0; return o.rcmp("__ge__", "<=", this); }
    int gt(var o : pobject) { if (isInt(o)) return cmpTo(o) > 0; return o.rcmp("__lt__", ">", this); }
    int ge(var o : pobject) { if (isInt(o)) return cmpTo(o) >= 0; return o.rcmp("__le__", ">=", this); }
    pobject add(var o : pobject) { if (isInt(o)) return bigAdd(this, big(o)); return o.radd(this); }
    pobject radd(var o : pobject) { if (isInt(o)) return bigAdd(big(o), this); throw binErr("+", o); }
    pobject sub(var o : pobject) { if (isInt(o)) return bigAdd(this, negated(big(o))); return o.rsub(this); }
    pobject rsub(var o : pobject) { if (isInt(o)) return bigAdd(big(o), negated(this)); throw binErr("-", o); }
    pobject mul(var o : pobject)
    {
        var y : pbig;
        if (isInt(o) == 0)
            return o.rmul(this);
        y = big(o);
        return signed(magMul(this, y), minus != y.isNeg()).norm();
    }
    pobject rmul(var o : pobject) { return mul(o); }
    pobject floordiv(var o : pobject) { if (isInt(o)) return bigDivmod(this, big(o), 0); return o.rfloordiv(this); }
    pobject rfloordiv(var o : pobject) { if (isInt(o)) return bigDivmod(big(o), this, 0); throw binErr("//", o); }
    pobject mod(var o : pobject) { if (isInt(o)) return bigDivmod(this, big(o), 1); return o.rmod(this); }
    pobject rmod(var o : pobject) { if (isInt(o)) return bigDivmod(big(o), this, 1); throw binErr("%", o); }
    pobject neg() { return negated(this).norm(); }
    pobject pos() { return this; }
    pobject bitErr()
    {
        return err("NotImplementedError", "bitwise operations on ints beyond 64 bits are not supported yet");
    }
    pobject band(var o : pobject) { throw bitErr(); }
    pobject bor(var o : pobject) { throw bitErr(); }
    pobject bxor(var o : pobject) { throw bitErr(); }
    pobject rband(var o : pobject) { throw bitErr(); }
    pobject rbor(var o : pobject) { throw bitErr(); }
    pobject rbxor(var o : pobject) { throw bitErr(); }
    pobject invert() { return neg().sub(new pint(1)); }
    pobject rshift(var o : pobject)
    {
        var k : long;
        var r : pobject;
        if (isInt(o) == 0)
            return o.rrshift(this);
        k = ((pint) o).val();
        if (k < 0)
            throw err("ValueError", "negative shift count");
        r = this;
        while (k > 0)
        {
            r = r.floordiv(new pint(2));
            k = k - 1;
        }
        return r;
    }
    pobject rlshift(var o : pobject) { throw bitErr(); }
    pobject rrshift(var o : pobject) { throw bitErr(); }
};
