// A user account. Nothing in the system creates users yet, so
// .internal.thread.getUser() returns null.

package .phantom;

import .internal.object;
import .internal.string;

class .phantom.user
{
    var name : .internal.string;

    void user()
    {
        name = "undefined.user";
    }

    void user(var userName : .internal.string)
    {
        name = userName;
    }

    .internal.string getName()
    {
        if (name :== null)
            return "undefined.user";
        return name;
    }
};
