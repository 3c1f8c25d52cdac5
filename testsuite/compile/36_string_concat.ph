// covers: string + string, string + int, int + string, string + object (toString), chained concatenation, concat()
package .test.concat;

class concat
{
    var name : string;

    void concat()
    {
        name = "box";
    }

    string toString()
    {
        return "[" + name + "]";
    }

    string describe(var n : int)
    {
        return "count=" + n;
    }

    string leading(var n : int)
    {
        return n + " items";
    }

    string withObject()
    {
        return "this is " + this;
    }

    void main(var boot) [8]
    {
        var s : string;
        s = "a".concat("b") + "c" + 1 + 2;
        boot.16(s + "\n");
        boot.16(describe(3) + ", " + leading(4) + "\n");
    }
};
