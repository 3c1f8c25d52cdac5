//! Embeds the sources of `internal/` and `phantom/`, so that the tools
//! carry their class library and need no class path for it.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let root =
        Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
            .to_path_buf();
    let mut files = Vec::new();
    for sub in ["internal", "phantom"] {
        let dir = root.join(sub);
        println!("cargo:rerun-if-changed={}", dir.display());
        for e in std::fs::read_dir(&dir).expect("stdlib-ph subdirectory") {
            let p = e.expect("directory entry").path();
            if p.extension().is_some_and(|x| x == "ph") {
                println!("cargo:rerun-if-changed={}", p.display());
                files.push(p);
            }
        }
    }
    files.sort();
    let mut out = String::from(
        "/// The class library sources: (path, text).\npub static SOURCES: &[(&str, &str)] = &[\n",
    );
    for p in &files {
        let rel = p.strip_prefix(&root).expect("under stdlib-ph");
        writeln!(
            out,
            "    ({:?}, include_str!({:?})),",
            format!("stdlib-ph/{}", rel.display()),
            p.display()
        )
        .expect("writing to a String");
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("stdlib.rs");
    std::fs::write(dest, out).expect("write stdlib.rs");
}
