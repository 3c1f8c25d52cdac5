//! What the editor end-to-end tests share: the small workspace they open
//! (a shape, a file that uses it, and a broken file) and the editor
//! configuration that `docs/editors.md` documents.

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

/// The first `lang` block after the `heading` of `docs/editors.md`, with its
/// command `cmd` (which must be there: the snippet starts `plc lsp`)
/// replaced by `with` (the `plc` under test).
pub fn documented_config(heading: &str, lang: &str, cmd: &str, with: &str) -> String {
    let doc = include_str!("../../../docs/editors.md");
    let section = &doc[doc.find(heading).expect("the editor's section")..];
    let fence = format!("```{lang}\n");
    let start = section.find(&fence).expect("a code block") + fence.len();
    let block = &section[start..];
    let block = &block[..block.find("```").expect("the block ends")];
    assert!(
        block.contains(cmd),
        "the snippet starts `plc lsp`:\n{block}"
    );
    block.replace(cmd, with)
}

/// A fresh workspace directory for `editor`'s test holding the three files
/// and an empty `phantom.toml` (the documented setups find the root by it).
pub fn workspace(editor: &str) -> std::path::PathBuf {
    let root = std::env::temp_dir().join(format!("plc-lsp-{editor}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    for (name, text) in [
        ("shape.ph", SHAPE),
        ("main.ph", MAIN),
        ("broken.ph", BROKEN),
        ("phantom.toml", ""),
    ] {
        std::fs::write(root.join(name), text).unwrap();
    }
    root
}
