// covers: deviation V17 — thread.getEnvironment() runs the .phantom.environment constructor, so set/get work at once
package .test;

class main
{
    void run(var boot) [8]
    {
        var w : .internal.world;
        var t : .internal.thread;
        var env : .phantom.environment;
        w = new .internal.world();
        t = w.getMyThread();
        env = t.getEnvironment();
        env.set("user", "alice");
        env = t.getEnvironment();
        boot.16((string) env.get("user") + "\n");
    }
};
