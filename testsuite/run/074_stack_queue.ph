// covers: a stack and a ring-buffer queue built on arrays, balanced-bracket checking with the stack, queue wrap-around, exceptions on underflow
package .test;

class main
{
    var out;

    int balanced(var s : string)
    {
        var st : stack;
        var i : int;
        var c : int;
        var open : int;
        st = new stack();
        i = 0;
        while (i < s.length())
        {
            c = s.charAt(i);
            if (c == 40 || c == 91 || c == 123)
                st.push(c);
            if (c == 41 || c == 93 || c == 125)
            {
                if (st.isEmpty())
                    return 0;
                open = st.pop();
                if (c == 41 && open != 40)
                    return 0;
                if (c == 93 && open != 91)
                    return 0;
                if (c == 125 && open != 123)
                    return 0;
            }
            i = i + 1;
        }
        return st.isEmpty();
    }

    string drain(var q : queue)
    {
        var s : string;
        s = "";
        while (q.size() > 0)
            s = s + q.take() + " ";
        return s;
    }

    void run(var boot) [8]
    {
        var st : stack;
        var q : queue;
        var i : int;
        out = boot;
        st = new stack();
        i = 1;
        while (i <= 5)
        {
            st.push(i * i);
            i = i + 1;
        }
        out.16("stack size " + st.size() + " peek " + st.peek() + "\n");
        out.16("pops: " + st.pop() + " " + st.pop() + " " + st.pop() + " size " + st.size() + "\n");
        out.16("balanced: " + balanced("(a[b]{c})") + balanced("([)]") + balanced("((") + balanced("") + balanced("}") + balanced("{[()()]}") + "\n");
        q = new queue(4);
        q.put(1);
        q.put(2);
        q.put(3);
        out.16("take " + q.take() + " take " + q.take() + "\n");
        q.put(4);
        q.put(5);
        q.put(6);
        out.16("size " + q.size() + " drained: " + drain(q) + "\n");
        try
        {
            q.take();
        }
        catch (string e)
        {
            out.16("caught: " + e + "\n");
        }
    }
};

class stack
{
    var items : int[];
    var top : int;

    void stack()
    {
        items = new int[]();
        top = 0;
    }

    void push(var v : int)
    {
        items[top] = v;
        top = top + 1;
    }

    int pop()
    {
        if (top == 0)
            throw "stack underflow";
        top = top - 1;
        return items[top];
    }

    int peek()
    {
        return items[top - 1];
    }

    int size()
    {
        return top;
    }

    int isEmpty()
    {
        return top == 0;
    }
};

class queue
{
    var buf : int[];
    var head : int;
    var count : int;
    var cap : int;

    void queue(var capacity : int)
    {
        var i : int;
        buf = new int[]();
        i = 0;
        while (i < capacity)
        {
            buf[i] = 0;
            i = i + 1;
        }
        cap = capacity;
        head = 0;
        count = 0;
    }

    void put(var v : int)
    {
        if (count == cap)
            throw "queue full";
        buf[(head + count) % cap] = v;
        count = count + 1;
    }

    int take()
    {
        var v : int;
        if (count == 0)
            throw "queue empty";
        v = buf[head];
        head = (head + 1) % cap;
        count = count - 1;
        return v;
    }

    int size()
    {
        return count;
    }
};
