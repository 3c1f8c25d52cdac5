// error: E0422 a method with two arguments of the same name
package .test.err;

class dupargs
{
    int add(var a : int, var a : int)
    {
        return a;
    }
};
