//! Embeds the runtime library's class files (`lib/classes/`, compiled by
//! javac from `lib/src/` and committed, so that building needs no JDK).

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd {
        let p = e.expect("directory entry").path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "class") {
            println!("cargo:rerun-if-changed={}", p.display());
            out.push(p);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let classes = root.join("lib/classes");
    let mut files = Vec::new();
    walk(&classes, &mut files);
    files.sort();
    let mut out = String::from(
        "/// The runtime library's class files: (path under lib/classes, bytes).\npub static LIBRARY: &[(&str, &[u8])] = &[\n",
    );
    for p in &files {
        let rel = p.strip_prefix(&classes).expect("under lib/classes");
        writeln!(
            out,
            "    ({:?}, include_bytes!({:?})),",
            rel.display().to_string(),
            p.display()
        )
        .expect("writing to a String");
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("library.rs");
    std::fs::write(dest, out).expect("write library.rs");
}
