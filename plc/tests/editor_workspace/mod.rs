//! The small workspace the editor end-to-end tests open: a shape, a file
//! that uses it, and a broken file.

/// A class with a documented method at ordinal 16.
pub const SHAPE: &str = "package .demo;

// A shape with an area.
class shape
{
    int area() [16]
    {
        return 0;
    }
};
";

/// Uses `shape` (a definition in another file).
pub const MAIN: &str = "package .demo;

class main
{
    void run(var boot) [8]
    {
        var s : shape;
        s = new shape();
        var n : int;
        n = s.area() + 1;
    }
};
";

/// Has one error: `nope` is unknown (E0400).
pub const BROKEN: &str = "package .demo;

class broken
{
    void go()
    {
        var y : int;
        y = nope;
    }
};
";
