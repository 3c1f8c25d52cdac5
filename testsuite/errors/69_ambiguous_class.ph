// error: E0208 a short class name that two imports both end in
package .test.err;

import .test.one.thing;
import .test.two.thing;

class .test.one.thing
{
};

class .test.two.thing
{
};

class user
{
    var t : thing;
};
