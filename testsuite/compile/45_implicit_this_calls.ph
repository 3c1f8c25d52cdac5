// covers: implicit `this` calls name(args) of own methods, of inherited methods, nested inside arguments, recursion
package .test.implicit;

class helper
{
    int square(var x : int)
    {
        return x * x;
    }
};

class user extends helper
{
    int cube(var x : int)
    {
        return square(x) * x;
    }

    int sumOfCubes(var n : int)
    {
        if (n == 0)
            return 0;
        return cube(n) + sumOfCubes(n - 1);
    }

    int nested()
    {
        return square(square(2)) + cube(square(1));
    }
};
