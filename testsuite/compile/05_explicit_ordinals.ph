// covers: explicit method ordinals [N], automatic ordinals in declaration order skipping taken numbers, attributes after [N]
package .test.ordinals;

class slots
{
    void first()
    {
    }

    void pinned() [17]
    {
    }

    void second()
    {
    }

    void third()
    {
    }

    int high() [30] @const
    {
        return 30;
    }

    void fourth()
    {
        pinned();
        high();
    }
};
