package .demo;

import .phantom.util.hashmap;

// A square: a line comment.
class square extends shape implements .demo.drawable
{
    var side : int;

    /* A block comment
       over two lines. */
    int area() [16]
    {
        var m : .phantom.util.hashmap;
        m = new .phantom.util.hashmap();
        var s : square;
        s = new square();
        if (side > 0x1F)
            return side * 42;
        print("side \"quoted\"\n");
        return 0;
    }
};
