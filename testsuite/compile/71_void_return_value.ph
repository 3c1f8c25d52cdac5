// covers: `return expr;` in a void method is accepted with warning W0007 (the original
// accepts it): the value is computed and dropped, then the method returns
package .test.voidret;

class voidret
{
    var n : int;

    int bump() { n = n + 1; return n; }

    void f(var a : int)
    {
        if (a > 0)
            return bump();
        n = 0;
    }
};
