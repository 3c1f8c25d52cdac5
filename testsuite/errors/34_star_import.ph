// error: E0203 `*` imports are not supported
package .test.err;

import .internal.*;

class starimport
{
    void f()
    {
    }
};
