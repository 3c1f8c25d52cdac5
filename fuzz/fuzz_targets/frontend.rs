//! Fuzzes the whole Phantom front end (lexer, parser, semantic analysis)
//! with arbitrary bytes as one source file, twice: with no class path (the
//! compiler's built-in declarations) and with a class path holding the
//! compiled `stdlib-ph` (built once, when the fuzzer starts).
//!
//! Besides "does not panic, hang or overflow the stack", it checks:
//! * every diagnostic's spans lie inside the source, and rendering the
//!   first few (human and JSON) works;
//! * a program the front end accepts without errors goes through the back
//!   end: lowering, encoding, `.lst`/`.lstc` rendering, and the class file
//!   it writes reads back.
//!
//! Run it with `cargo xtask fuzz` (see `docs/fuzzing.md`).
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use phantom_frontend::{compile, SourceFile};

/// A fixed class-file version, so that runs are reproducible.
const VERSION: &str = "20240101000000000";

fn stdlib_sources(dir: &Path, out: &mut Vec<SourceFile>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            stdlib_sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "ph") {
            let text = std::fs::read_to_string(&p).expect("stdlib-ph is UTF-8");
            out.push(SourceFile { path: p, text });
        }
    }
}

/// A directory with the `.pc` files of every `stdlib-ph` class.
fn class_path() -> &'static [PathBuf] {
    static DIR: OnceLock<Vec<PathBuf>> = OnceLock::new();
    DIR.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        stdlib_sources(&root.join("stdlib-ph"), &mut files);
        let out = compile(&files, Vec::new());
        assert!(!out.has_errors(), "stdlib-ph does not compile");
        let dir = std::env::temp_dir().join(format!("phantom-fuzz-cp-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("cannot create the class path directory");
        for (_, class) in &out.classes {
            let (cf, _) = codegen::class_file(class, VERSION).expect("stdlib-ph class file");
            let name = format!("{}.pc", class.info.name.trim_start_matches('.'));
            std::fs::write(dir.join(name), cf.write()).expect("cannot write a class file");
        }
        vec![dir]
    })
}

fn check(text: &str, class_path: &[PathBuf]) {
    // The source lives in a directory that does not exist, so that
    // `import "file"` finds nothing next to it.
    let file = SourceFile {
        path: PathBuf::from("/nonexistent/phantom-fuzz/input.ph"),
        text: text.to_string(),
    };
    let out = compile(std::slice::from_ref(&file), class_path.to_vec());
    for (i, (fi, d)) in out.diags.iter().enumerate() {
        assert_eq!(*fi, 0, "diagnostic for a file that was not given");
        for l in &d.labels {
            assert!(
                l.span.start <= l.span.end && l.span.end <= text.len(),
                "{} span {:?} outside the {}-byte source",
                d.code,
                l.span,
                text.len()
            );
        }
        // Rendering re-reads the whole source; a few per input are enough.
        if i < 4 {
            let _ = diag::render(d, "input.ph", text, false);
            let _ = diag::to_json(d, "input.ph", text);
        }
    }
    if out.has_errors() {
        return;
    }
    for (_, class) in &out.classes {
        let name = &class.info.name;
        let (cf, _) = codegen::class_file(class, VERSION)
            .unwrap_or_else(|e| panic!("accepted program fails in the back end: {name}: {e}"));
        let _ = codegen::lst::render(class);
        codegen::lstc(class, VERSION)
            .unwrap_or_else(|e| panic!("accepted program has no .lstc: {name}: {e}"));
        let bytes = cf.write();
        classfile::records::ClassFile::parse(&bytes)
            .unwrap_or_else(|e| panic!("class file of {name} does not read back: {e}"));
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    check(&text, &[]);
    check(&text, class_path());
});
