// covers: package, a class with an empty body, the trailing ';' after a class, empty top-level ';', default constructor
package .test.minimal;

;

class empty
{
};

class withmethod
{
    void nothing()
    {
    }

    int one()
    {
        return 1;
    }
};
