// error: E0306 the same method is defined twice with the same argument types
package .test.err;

class dupmethod
{
    int size()
    {
        return 1;
    }

    int size()
    {
        return 2;
    }
};
