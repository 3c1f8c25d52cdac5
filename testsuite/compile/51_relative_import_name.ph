// covers: relative class names resolved through an import's last component (object), class found without an import (class path built-ins)
package .test.relimp;

import .internal.object;

class relimp
{
    var held : object;

    void hold(var o : object)
    {
        held = o;
    }

    object get()
    {
        return held;
    }

    int same(var o : object)
    {
        var mine : object;
        mine = get();
        return mine :== o;
    }

    .internal.string describe()
    {
        return "relimp";
    }
};
