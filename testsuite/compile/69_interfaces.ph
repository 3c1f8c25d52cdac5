// covers: interface declarations (methods ending with ';'), a class implementing two interfaces, calls through an interface type
package .test.iface;

interface shape
{
    int area();
    string name();
};

interface scalable
{
    void scale(var k : int) [20];
};

class square implements shape implements scalable
{
    var side : int;

    void square(var s : int)
    {
        side = s;
    }

    int area()
    {
        return side * side;
    }

    string name()
    {
        return "square";
    }

    void scale(var k : int) [20]
    {
        side = side * k;
    }
};

class user
{
    int total(var s : shape)
    {
        return s.area();
    }
};
