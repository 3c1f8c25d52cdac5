package .demo;

class shape
{
    int area() [16]
    {
        var a : int;
        a = 1;
        return a;
    }
};
