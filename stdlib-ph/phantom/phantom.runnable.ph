// Base class of thread entry objects. Both boot.startThread [18] and the
// VM's boot sequence call method 8, so the ordinal is fixed here and a
// subclass overriding run(var arg) inherits it by signature. The argument
// is left untyped for the same reason: a typed override would not match.

package .phantom;

import .internal.object;

class .phantom.runnable
{
    // arg is the bootstrap object when started through startThread.
    void run(var arg) [8]
    {
        throw "phantom.runnable: run() is abstract";
    }
};
