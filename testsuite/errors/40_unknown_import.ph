// error: E0207 importing a class that does not exist (no class path given)
package .test.err;

import .phantom.nowhere.thing;

class badimport
{
    void f()
    {
    }
};
