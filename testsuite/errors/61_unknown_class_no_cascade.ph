// error: E0207 one failed import gives one error: later uses of the class, as a type,
// in `new`, casts, calls and arithmetic on its values, report nothing further
package .demo;

import .nope.thing;

class user
{
    var t : thing;

    void f(var a : thing)
    {
        var x : thing;
        var y : .nope.thing;
        var s : string;
        var i : int;
        x = new thing();
        t = x;
        x.go(1);
        a.stop();
        y = (thing) a;
        t.run().again();
        s = a.name() + t.x();
        i = g(t).count() + 1;
    }

    thing g(var a : thing) { return t.h(3); }
};
