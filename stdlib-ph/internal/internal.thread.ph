// A VM thread. Obtain your own with .internal.world.getMyThread().
// Ordinal 14 is reused natively for getOsInterface, so setImmutable()
// is not available on threads.

package .internal;

import .internal.object;
import .internal.string;
import .phantom.environment;
import .phantom.user;
import .phantom.osimpl;

class .internal."thread"
{
    .internal.string toString() [5] {}

    // Both throw "Not this way" in the VM; kept so that the slots stay
    // reserved.
    void pause() [10] {}
    void unpause() [11] {}

    // Created on first use, one per thread.
    .phantom.environment getEnvironment() [12] {}

    // Never set by the VM yet: expect null.
    .phantom.user getUser() [13] {}

    // The object registered with boot.setOsInterface [22]; null before.
    .phantom.osimpl getOsInterface() [14] {}
};
