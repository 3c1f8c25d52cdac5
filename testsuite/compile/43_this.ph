// covers: explicit `this` as a value, as a receiver (this.m()), passed as an argument, returned, compared
package .test.thisref;

class self
{
    var me : .internal.object;

    void self()
    {
        me = this;
    }

    int value()
    {
        return 5;
    }

    int viaThis()
    {
        return this.value() + this.value();
    }

    .internal.object identity()
    {
        return this;
    }

    int isMe(var o : .internal.object)
    {
        return o :== this && me :== this;
    }

    int check()
    {
        return isMe(this.identity());
    }
};
