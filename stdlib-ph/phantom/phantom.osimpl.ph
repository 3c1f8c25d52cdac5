// The OS interface object. The boot class creates one, gives it the
// bootstrap object and publishes it with boot.setOsInterface [22]; every
// thread then reaches it through .internal.thread.getOsInterface() or,
// more conveniently, through .phantom.os.
//
// It deliberately does not hand out the bootstrap object itself.

package .phantom;

import .internal.object;
import .internal.string;
import .internal.int;
import .internal.boot;

class .phantom.osimpl
{
    // Typed loosely so that the no-argument constructor can store null
    // without a checked cast; bootstrap() does the check.
    var bootObj : .internal.object;

    void osimpl()
    {
        bootObj = null;
    }

    void osimpl(var theBoot : .internal.object)
    {
        bootObj = theBoot;
    }

    // The original's way of attaching the bootstrap object; kept.
    void init(var theBoot : .internal.object)
    {
        bootObj = theBoot;
    }

    .internal.boot bootstrap()
    {
        var b : .internal.boot;
        if (bootObj :== null)
            throw "phantom.osimpl: no bootstrap object, call init() first";
        b = bootObj;
        return b;
    }

    // Value of a kernel environment variable, or null. The list holds the
    // built-in defaults first and the command line after them, so the
    // search runs backwards and the last setting wins.
    .internal.string getKernelEnvironmentValue(var inkey : .internal.string)
    {
        var kb : .internal.boot;
        var envList : .internal.string [];
        var entry : .internal.string;
        var i : int;
        var eq : int;
        kb = bootstrap();
        envList = kb.getKernelEnvironment();
        i = envList.size();
        while (i > 0)
        {
            i = i - 1;
            entry = envList[i];
            eq = entry.strstr("=");
            // Entries without a name are malformed and skipped.
            if (eq > 0)
            {
                if (inkey.equals(entry.substring(0, eq)))
                    return valuePart(entry, eq);
            }
        }
        return null;
    }

    // "key=" has an empty value. The original asked substring() for a
    // start index equal to the length there, which throws.
    .internal.string valuePart(var entry : .internal.string, var eq : int)
    {
        var len : int;
        len = entry.length();
        if (eq + 1 >= len)
            return "";
        return entry.substring(eq + 1, len - eq - 1);
    }

    .internal.string getEnv(var key : .internal.string)
    {
        return getKernelEnvironmentValue(key);
    }

    .internal.string getEnvOr(var key : .internal.string, var fallback : .internal.string)
    {
        var v : .internal.string;
        v = getKernelEnvironmentValue(key);
        if (v :== null)
            return fallback;
        return v;
    }

    // A copy: the VM's own array lives in the root object, and handing it
    // out would let any thread rewrite the kernel environment.
    .internal.string [] getKernelEnvironment()
    {
        var kb : .internal.boot;
        var src : .internal.string [];
        var dst : .internal.string [];
        var i : int;
        var n : int;
        kb = bootstrap();
        src = kb.getKernelEnvironment();
        dst = new .internal.string[]();
        n = src.size();
        i = 0;
        while (i < n)
        {
            dst[i] = src[i];
            i = i + 1;
        }
        return dst;
    }
};
