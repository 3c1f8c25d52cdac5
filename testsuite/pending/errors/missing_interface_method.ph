// PENDING (compiler bug): the expected E0307 for `height` is reported, but also 8 spurious E0307 for destruct_me/getClass/clone/equals/toString/toXML/setImmutable/hashCode (methods the interface inherits from .internal.object).
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
