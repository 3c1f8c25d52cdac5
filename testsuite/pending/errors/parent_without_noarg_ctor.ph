// PENDING (compiler bug): no error at all. Expected E0305 "parent class `.test.err.needsarg` has no constructor without arguments" at `class child`; instead the lookup of the parent no-arg constructor walks up to .internal.object and finds its <init> (ordinal 0), so child default ctor calls ordinal 0.
// error: E0305 a child class whose parent has no constructor without arguments
package .test.err;

class needsarg
{
    var v : int;

    void needsarg(var x : int)
    {
        v = x;
    }
};

class child extends needsarg
{
    int get()
    {
        return v;
    }
};
