// The bootstrap object, handed to the boot class's method 8 and to every
// thread started with startThread. Holding it grants kernel-level power,
// so pass it on only deliberately. The original library called this class
// .internal.bootstrap; the VM only knows .internal.boot.

package .internal;

import .internal.object;
import .internal.string;
import .internal.int;
import .internal."class";
import .internal.binary;
import .internal.bitmap;
import .phantom.osimpl;

class .internal.boot
{
    // Class cache first, then the module loader; throws
    // "<name> - class load error".
    .internal."class" loadClass(var name : .internal.string) [8] {}

    // The native prints every argument it gets, last one first; one
    // argument is the only portable use.
    void consolePrint(var s : .internal.string) [16] {}

    // The loader's method 8 is then called for every unknown class name.
    void setClassLoader(var cl : .internal.object) [17] {}

    // Runs o's method 8 in a new thread, with the bootstrap object as
    // the only argument. During first boot the thread starts only after
    // the boot method returns.
    void startThread(var o : .internal.object) [18] {}

    .internal.binary createBinary(var sizeBytes : int) [19] {}

    void setScreenBackground(var bg : .internal.bitmap) [20] {}

    // Logs an error and returns at once in the original VM: do not rely
    // on it for timing.
    void sleep(var msec : int) [21] {}

    void setOsInterface(var oi : .phantom.osimpl) [22] {}

    // "key=value" strings: built-in defaults first, then the kernel
    // command line, so a later entry overrides an earlier one.
    .internal.string [] getKernelEnvironment() [23] {}

    void reboot() [24] {}
};
