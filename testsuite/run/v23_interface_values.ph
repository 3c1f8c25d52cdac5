// covers: deviation S27 — objects are assignable to the interfaces their class (or a parent) implements; conversions to an interface are unchecked at run time
package .test;

class main
{
    int areaOf(var s : shape)
    {
        return s.area();
    }

    void run(var boot) [8]
    {
        var sq : square;
        var big : bigsquare;
        var s : shape;
        var x;
        sq = new square();
        big = new bigsquare();
        s = sq;
        boot.16("" + s.area() + " " + areaOf(sq) + " " + areaOf(big) + "\n");
        x = big;
        s = x;
        boot.16("" + areaOf(x) + " " + s.area() + " " + ((shape) x).area() + "\n");
    }
};

interface shape
{
    int area();
};

class square implements shape
{
    int area() { return 9; }
};

class bigsquare extends square
{
    int area() { return 16; }
};
