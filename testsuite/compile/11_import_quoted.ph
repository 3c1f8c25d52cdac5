// covers: import of classes, quoted name components (.internal."class"), quoted components in type names, getClass()
package .test.quoted;

import .internal.object;
import .internal."class";
import .internal.string;

class reflect
{
    var cls : .internal."class";

    .internal."class" classOf(var o : .internal.object)
    {
        return o.getClass();
    }

    void remember()
    {
        cls = classOf(this);
    }

    .internal."class" get()
    {
        return cls;
    }
};
