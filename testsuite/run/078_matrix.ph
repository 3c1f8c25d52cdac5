// covers: matrices as flat int arrays wrapped in a class: identity, multiplication, transpose, trace, a power by repeated squaring (Fibonacci via the [[1,1],[1,0]] matrix)
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var a : matrix;
        var b : matrix;
        var c : matrix;
        var f : matrix;
        var i : int;
        out = boot;
        a = new matrix(3);
        b = new matrix(3);
        i = 0;
        while (i < 9)
        {
            a.set(i / 3, i % 3, i + 1);
            b.set(i / 3, i % 3, 9 - i);
            i = i + 1;
        }
        out.16("a=" + a + "\n");
        out.16("b=" + b + "\n");
        c = a.times(b);
        out.16("a*b=" + c + " trace " + c.trace() + "\n");
        out.16("transpose(a)=" + a.transpose() + "\n");
        out.16("a*I=" + a.times(identity(3)) + "\n");
        f = new matrix(2);
        f.set(0, 0, 1);
        f.set(0, 1, 1);
        f.set(1, 0, 1);
        f.set(1, 1, 0);
        out.16("fib matrix ^10=" + power(f, 10) + "\n");
        out.16("fib matrix ^30=" + power(f, 30) + "\n");
    }

    matrix identity(var n : int)
    {
        var m : matrix;
        var i : int;
        m = new matrix(n);
        i = 0;
        while (i < n)
        {
            m.set(i, i, 1);
            i = i + 1;
        }
        return m;
    }

    matrix power(var m : matrix, var e : int)
    {
        var r : matrix;
        r = identity(m.size());
        while (e > 0)
        {
            if (e % 2 == 1)
                r = r.times(m);
            m = m.times(m);
            e = e / 2;
        }
        return r;
    }
};

class matrix
{
    var n : int;
    var cells : int[];

    void matrix(var size : int)
    {
        var i : int;
        n = size;
        cells = new int[]();
        i = 0;
        while (i < size * size)
        {
            cells[i] = 0;
            i = i + 1;
        }
    }

    int size()
    {
        return n;
    }

    int get(var r : int, var c : int)
    {
        return cells[r * n + c];
    }

    void set(var r : int, var c : int, var v : int)
    {
        cells[r * n + c] = v;
    }

    matrix times(var o : matrix)
    {
        var m : matrix;
        var r : int;
        var c : int;
        var k : int;
        var s : int;
        m = new matrix(n);
        r = 0;
        while (r < n)
        {
            c = 0;
            while (c < n)
            {
                s = 0;
                k = 0;
                while (k < n)
                {
                    s = s + get(r, k) * o.get(k, c);
                    k = k + 1;
                }
                m.set(r, c, s);
                c = c + 1;
            }
            r = r + 1;
        }
        return m;
    }

    matrix transpose()
    {
        var m : matrix;
        var r : int;
        var c : int;
        m = new matrix(n);
        r = 0;
        while (r < n)
        {
            c = 0;
            while (c < n)
            {
                m.set(c, r, get(r, c));
                c = c + 1;
            }
            r = r + 1;
        }
        return m;
    }

    int trace()
    {
        var i : int;
        var t : int;
        t = 0;
        i = 0;
        while (i < n)
        {
            t = t + get(i, i);
            i = i + 1;
        }
        return t;
    }

    string toString()
    {
        var s : string;
        var r : int;
        var c : int;
        s = "[";
        r = 0;
        while (r < n)
        {
            if (r > 0)
                s = s + "; ";
            c = 0;
            while (c < n)
            {
                if (c > 0)
                    s = s + " ";
                s = s + get(r, c);
                c = c + 1;
            }
            r = r + 1;
        }
        return s + "]";
    }
};
