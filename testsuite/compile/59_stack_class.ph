// covers: a stack built on an object array with a size counter, push/pop/peek, throwing on underflow, catch in the caller
package .test.stack;

class stack
{
    var items : .internal.object[];
    var top : int;

    void stack()
    {
        items = new .internal.object[]();
        top = 0;
    }

    void push(var o)
    {
        items[top] = o;
        top = top + 1;
    }

    .internal.object pop()
    {
        if (top == 0)
            throw "stack underflow";
        top = top - 1;
        return items[top];
    }

    int depth()
    {
        return top;
    }
};

class client
{
    int run()
    {
        var s : stack;
        s = new stack();
        s.push("a");
        s.push("b");
        s.pop();
        try { s.pop(); s.pop(); } catch (string e) { return -1; }
        return s.depth();
    }
};
