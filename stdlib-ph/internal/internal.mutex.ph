// The VM marks its mutex code as unfinished; prefer not to build
// correctness on it yet.

package .internal;

import .internal.object;
import .internal.int;

class .internal.mutex
{
    void lock() [8] {}
    void unlock() [9] {}

    // Exists natively; its result is not specified anywhere yet.
    int trylock() [10] {}
};
