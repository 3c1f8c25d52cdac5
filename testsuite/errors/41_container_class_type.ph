// error: E0419 containers with an explicit class (`T[Class]`) and run-time types (`*expr`) are not supported
package .test.err;

class container
{
    var a : int[.internal.container.array];
    var b : *this;

    void f()
    {
    }
};
