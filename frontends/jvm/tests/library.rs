//! The runtime library's committed class files (`lib/classes/`) must be
//! exactly what javac makes of `lib/src/`, so that building needs no JDK
//! and the sources stay the truth. To regenerate them:
//!
//! ```sh
//! cd frontends/jvm/lib && rm -rf classes && javac --patch-module java.base=src -d classes $(find src -name '*.java')
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("readable directory") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            files(&p, ext, out);
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
}

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut v = Vec::new();
    files(dir, "class", &mut v);
    v.into_iter()
        .map(|p| {
            let rel = p.strip_prefix(dir).unwrap().display().to_string();
            (rel, std::fs::read(&p).expect("class file"))
        })
        .collect()
}

#[test]
fn committed_class_files_are_what_javac_makes_of_the_sources() {
    let lib = Path::new(env!("CARGO_MANIFEST_DIR")).join("lib");
    let mut sources = Vec::new();
    files(&lib.join("src"), "java", &mut sources);
    sources.sort();
    assert!(!sources.is_empty());
    let out = std::env::temp_dir().join(format!("jvm-library-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let run = Command::new("javac")
        .arg("--patch-module")
        .arg(format!("java.base={}", lib.join("src").display()))
        .arg("-d")
        .arg(&out)
        .args(&sources)
        .output()
        .expect("javac is runnable (install openjdk-17-jdk-headless; cargo xtask ci does)");
    assert!(
        run.status.success(),
        "javac failed:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let fresh = tree(&out);
    let committed = tree(&lib.join("classes"));
    let _ = std::fs::remove_dir_all(&out);
    let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&committed),
        names(&fresh),
        "lib/classes does not hold exactly the classes of lib/src (regenerate: see this file's header)"
    );
    for (name, bytes) in &fresh {
        assert!(
            committed[name] == *bytes,
            "lib/classes/{name} is stale (regenerate: see this file's header)"
        );
    }
}

#[test]
fn the_library_compiles_with_the_front_end() {
    let out = jvm_frontend::compile(&[]).expect("the runtime library compiles");
    assert!(out.mains.is_empty());
    for name in [
        ".java.util.ArrayList",
        ".java.lang.StringBuilder",
        ".java.lang.Throwable",
    ] {
        assert!(
            out.classes.iter().any(|c| c.name == name && c.runtime),
            "{name} missing"
        );
    }
}
