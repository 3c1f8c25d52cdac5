// covers: `static` in types (parsed, ignored), C-style fields with absolute class types, fields named like methods of other classes
package .test.cstyle;

class config
{
    static int counter;
    .internal.string title;
    static .internal.object shared;
    int size;

    void configure(var t : string, var s : int)
    {
        title = t;
        size = s;
        counter = counter + 1;
    }

    int getSize()
    {
        return size;
    }

    static int getCounter()
    {
        return counter;
    }
};
