// covers: a child with overloaded constructors over a parent with a no-arg constructor, overriding an overloaded method, inherited fields
package .test.ovinh;

class shape
{
    var w : int;
    var h : int;

    void shape()
    {
        w = 1;
        h = 1;
    }

    int area()
    {
        return w * h;
    }

    int area(var scale : int)
    {
        return area() * scale;
    }
};

class rect extends shape
{
    void rect(var side : int)
    {
        w = side;
        h = side;
    }

    void rect(var a : int, var b : int)
    {
        w = a;
        h = b;
    }

    int area(var scale : int)
    {
        return w * h * scale * scale;
    }
};
