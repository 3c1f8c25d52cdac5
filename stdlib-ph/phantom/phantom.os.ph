// Convenience front end to the OS services: finds the current thread's
// OS interface on first use, so code needs neither the bootstrap object
// nor the thread object.

package .phantom;

import .internal.object;
import .internal.string;
import .internal.world;
import .internal."thread";
import .phantom.osimpl;
import .phantom.environment;
import .phantom.user;

class .phantom.os
{
    // Typed loosely so that it can start out as null (see osimpl).
    var impl : .internal.object;

    void os()
    {
        impl = null;
    }

    .internal."thread" currentThread()
    {
        var w : .internal.world;
        w = new .internal.world();
        return w.getMyThread();
    }

    // The original tested "impl :!= null" here, i.e. the wrong way round,
    // and so never fetched the interface.
    .phantom.osimpl getImpl()
    {
        var th : .internal."thread";
        var oi : .phantom.osimpl;
        if (impl :== null)
        {
            th = currentThread();
            oi = th.getOsInterface();
            if (oi :== null)
                throw "phantom.os: no OS interface registered yet";
            impl = oi;
        }
        return impl;
    }

    .internal.string getKernelEnvironmentValue(var key : .internal.string)
    {
        var oi : .phantom.osimpl;
        oi = getImpl();
        return oi.getKernelEnvironmentValue(key);
    }

    .internal.string getEnv(var key : .internal.string)
    {
        var oi : .phantom.osimpl;
        oi = getImpl();
        return oi.getEnv(key);
    }

    .internal.string getEnvOr(var key : .internal.string, var fallback : .internal.string)
    {
        var oi : .phantom.osimpl;
        oi = getImpl();
        return oi.getEnvOr(key, fallback);
    }

    // The calling thread's own environment, not the kernel one.
    .phantom.environment getEnvironment()
    {
        var th : .internal."thread";
        th = currentThread();
        return th.getEnvironment();
    }

    // May be null: the system does not assign owners to threads yet.
    .phantom.user getUser()
    {
        var th : .internal."thread";
        th = currentThread();
        return th.getUser();
    }
};
