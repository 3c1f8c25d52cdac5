// error: E0206 an interface cannot extend a class
package .test.err;

class concrete
{
};

interface broken extends concrete
{
    int f();
};
