// covers: top-level `attribute` lines, `@attr` on classes, fields, types, methods, arguments, attribute operators (+ * ! ~ !-> ->!)
package .test.attrs;

attribute const * ->!;
attribute mutable, shared +;
attribute ~volatile !->;

class .test.attrs.marked @final
{
    var a : int @const;
    var b @shared;
    string @immutable c;

    int @pure get(var x : int @input, var y @input) [18] @inline
    {
        return x;
    }

    void set(var v : int @const)
    {
        a = v;
    }
};
