// covers: a binary search tree of user objects: recursive insert, in-order / pre-order traversal, height, size, contains, min and max, null children held in .internal.object fields
package .test;

class main
{
    var out;

    void run(var boot) [8]
    {
        var t : tree;
        var keys : int[];
        var i : int;
        out = boot;
        t = new tree();
        out.16("empty: size " + t.size() + " height " + t.height() + " inorder [" + t.inorder() + "]\n");
        keys = new int[]();
        keys[0] = 50;
        keys[1] = 30;
        keys[2] = 70;
        keys[3] = 20;
        keys[4] = 40;
        keys[5] = 60;
        keys[6] = 80;
        keys[7] = 35;
        keys[8] = 45;
        keys[9] = 42;
        keys[10] = 30;
        i = 0;
        while (i < keys.size())
        {
            t.insert(keys[i]);
            i = i + 1;
        }
        out.16("size " + t.size() + " height " + t.height() + "\n");
        out.16("inorder [" + t.inorder() + "]\n");
        out.16("preorder [" + t.preorder() + "]\n");
        out.16("contains 42=" + t.contains(42) + " 43=" + t.contains(43) + " 80=" + t.contains(80) + "\n");
        out.16("min " + t.min() + " max " + t.max() + "\n");
    }
};

class tnode
{
    var key : int;
    var left : .internal.object;
    var right : .internal.object;

    void tnode(var k : int)
    {
        key = k;
        left = null;
        right = null;
    }

    int getKey()
    {
        return key;
    }

    // inserts below this node; duplicates are ignored
    void insert(var k : int)
    {
        var child : tnode;
        if (k == key)
            return;
        if (k < key)
        {
            if (left :== null)
                left = new tnode(k);
            else
            {
                child = left;
                child.insert(k);
            }
        }
        else
        {
            if (right :== null)
                right = new tnode(k);
            else
            {
                child = right;
                child.insert(k);
            }
        }
    }

    int count()
    {
        var n : int;
        var child : tnode;
        n = 1;
        if (left :!= null)
        {
            child = left;
            n = n + child.count();
        }
        if (right :!= null)
        {
            child = right;
            n = n + child.count();
        }
        return n;
    }

    int height()
    {
        var l : int;
        var r : int;
        var child : tnode;
        l = 0;
        r = 0;
        if (left :!= null)
        {
            child = left;
            l = child.height();
        }
        if (right :!= null)
        {
            child = right;
            r = child.height();
        }
        if (l > r)
            return l + 1;
        return r + 1;
    }

    string inorder()
    {
        var s : string;
        var child : tnode;
        s = "";
        if (left :!= null)
        {
            child = left;
            s = child.inorder() + " ";
        }
        s = s + key;
        if (right :!= null)
        {
            child = right;
            s = s + " " + child.inorder();
        }
        return s;
    }

    string preorder()
    {
        var s : string;
        var child : tnode;
        s = "" + key;
        if (left :!= null)
        {
            child = left;
            s = s + " " + child.preorder();
        }
        if (right :!= null)
        {
            child = right;
            s = s + " " + child.preorder();
        }
        return s;
    }

    int contains(var k : int)
    {
        var child : tnode;
        if (k == key)
            return 1;
        if (k < key)
        {
            if (left :== null)
                return 0;
            child = left;
            return child.contains(k);
        }
        if (right :== null)
            return 0;
        child = right;
        return child.contains(k);
    }

    int min()
    {
        var child : tnode;
        if (left :== null)
            return key;
        child = left;
        return child.min();
    }

    int max()
    {
        var child : tnode;
        if (right :== null)
            return key;
        child = right;
        return child.max();
    }
};

class tree
{
    var root : .internal.object;

    void tree()
    {
        root = null;
    }

    tnode top()
    {
        return root;
    }

    void insert(var k : int)
    {
        if (root :== null)
            root = new tnode(k);
        else
            top().insert(k);
    }

    int size()
    {
        if (root :== null)
            return 0;
        return top().count();
    }

    int height()
    {
        if (root :== null)
            return 0;
        return top().height();
    }

    string inorder()
    {
        if (root :== null)
            return "";
        return top().inorder();
    }

    string preorder()
    {
        if (root :== null)
            return "";
        return top().preorder();
    }

    int contains(var k : int)
    {
        if (root :== null)
            return 0;
        return top().contains(k);
    }

    int min()
    {
        return top().min();
    }

    int max()
    {
        return top().max();
    }
};
