// error: E0307 a class implementing an interface misses one of its methods (`height`)
package .test.err;

interface sized
{
    int width();
    int height();
};

class box implements sized
{
    int width()
    {
        return 1;
    }
};
