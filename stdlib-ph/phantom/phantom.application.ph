// Something a user can start from a shell: a document, a game, a tool.
// Subclasses override run(var arg) and usually getDescription().

package .phantom;

import .internal.object;
import .internal.string;
import .internal.boot;
import .phantom.runnable;

class .phantom.application extends .phantom.runnable
{
    .internal.string getDescription()
    {
        return "(no description)";
    }

    // Runs run() in a new thread. The original used world.startThread [9],
    // which the VM does not implement; boot.startThread [18] is the one
    // working way, so the caller hands in the bootstrap object. The new
    // thread's run() receives that object as its argument.
    void start(var bootObject : .internal.object)
    {
        var b : .internal.boot;
        b = bootObject;
        b.startThread(this);
    }
};
