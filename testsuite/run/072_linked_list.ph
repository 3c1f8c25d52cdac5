// covers: a singly linked list of user objects: push front, append, length, reversal in place, removal by value, walking to null, sum of values
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var l : intlist;
        var i : int;
        out = boot;
        l = new intlist();
        out.16("empty: " + l.show() + " length " + l.length() + "\n");
        i = 1;
        while (i <= 5)
        {
            l.append(i * 10);
            i = i + 1;
        }
        l.pushFront(5);
        out.16("list: " + l.show() + " length " + l.length() + " sum " + l.sum() + "\n");
        l.reverse();
        out.16("reversed: " + l.show() + "\n");
        out.16("remove 30: " + l.remove(30) + " -> " + l.show() + "\n");
        out.16("remove 50 (head): " + l.remove(50) + " -> " + l.show() + "\n");
        out.16("remove 5 (tail): " + l.remove(5) + " -> " + l.show() + "\n");
        out.16("remove 99: " + l.remove(99) + " -> " + l.show() + " length " + l.length() + "\n");
    }
};

class node
{
    var value : int;
    var next : .internal.object;

    void node(var v : int, var n : .internal.object)
    {
        value = v;
        next = n;
    }

    int getValue()
    {
        return value;
    }

    // typed .internal.object: a return value is converted to the declared
    // type with a checked cast, and the last node's next is null
    .internal.object getNext()
    {
        return next;
    }

    void setNext(var n : .internal.object)
    {
        next = n;
    }
};

class intlist
{
    var head : .internal.object;

    void intlist()
    {
        head = null;
    }

    node first()
    {
        return head;
    }

    void pushFront(var v : int)
    {
        head = new node(v, head);
    }

    void append(var v : int)
    {
        var n : node;
        if (head :== null)
        {
            head = new node(v, null);
            return;
        }
        n = first();
        while (n.getNext() :!= null)
            n = (node) n.getNext();
        n.setNext(new node(v, null));
    }

    int length()
    {
        var n : .internal.object;
        var c : int;
        var cur : node;
        c = 0;
        n = head;
        while (n :!= null)
        {
            c = c + 1;
            cur = n;
            n = cur.getNext();
        }
        return c;
    }

    int sum()
    {
        var n : .internal.object;
        var cur : node;
        var s : int;
        s = 0;
        n = head;
        while (n :!= null)
        {
            cur = n;
            s = s + cur.getValue();
            n = cur.getNext();
        }
        return s;
    }

    string show()
    {
        var n : .internal.object;
        var cur : node;
        var s : string;
        s = "";
        n = head;
        while (n :!= null)
        {
            cur = n;
            s = s + cur.getValue();
            n = cur.getNext();
            if (n :!= null)
                s = s + " -> ";
        }
        return "(" + s + ")";
    }

    void reverse()
    {
        var prev : .internal.object;
        var n : .internal.object;
        var nx : .internal.object;
        var cur : node;
        prev = null;
        n = head;
        while (n :!= null)
        {
            cur = n;
            nx = cur.getNext();
            cur.setNext(prev);
            prev = cur;
            n = nx;
        }
        head = prev;
    }

    int remove(var v : int)
    {
        var n : .internal.object;
        var prev : node;
        var cur : node;
        if (head :== null)
            return 0;
        cur = head;
        if (cur.getValue() == v)
        {
            head = cur.getNext();
            return 1;
        }
        prev = cur;
        n = cur.getNext();
        while (n :!= null)
        {
            cur = n;
            if (cur.getValue() == v)
            {
                prev.setNext(cur.getNext());
                return 1;
            }
            prev = cur;
            n = cur.getNext();
        }
        return 0;
    }
};
