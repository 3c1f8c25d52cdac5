//! The Phantom class library, built into the tools.
//!
//! `plc` and `phantom` find `.internal.*` and `.phantom.*` without a class
//! path, the way `javac` finds `java.lang`: the sources are embedded
//! ([`SOURCES`]) and compiled once, on first use, into class files
//! ([`classes`]) that go at the end of every class path, so that a user's
//! own copy of a library class (in a `-I` directory) wins.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use classfile::path::MemoryClasses;
use phantom_frontend::SourceFile;

include!(concat!(env!("OUT_DIR"), "/stdlib.rs"));

/// The library's class files by class name, compiled on first use.
///
/// The library is part of this build: it compiles without errors (the
/// crate's tests check it), so a failure here is a bug in the build and
/// panics with the compiler's messages.
pub fn classes() -> MemoryClasses {
    static CLASSES: OnceLock<MemoryClasses> = OnceLock::new();
    CLASSES
        .get_or_init(|| Arc::new(compile().unwrap_or_else(|e| panic!("{e}"))))
        .clone()
}

/// Compiles [`SOURCES`] into class files, or says why it could not.
pub fn compile() -> Result<BTreeMap<String, Vec<u8>>, String> {
    let files: Vec<SourceFile> = SOURCES
        .iter()
        .map(|(path, text)| SourceFile {
            path: PathBuf::from(path),
            text: (*text).to_string(),
        })
        .collect();
    let out = phantom_frontend::compile(&files, Vec::new());
    if out.has_errors() {
        let mut msg = String::from("the built-in class library does not compile:\n");
        for (fi, d) in out.diags.iter().filter(|(_, d)| d.is_error()) {
            let f = &files[*fi];
            msg += &diag::render(d, &f.path.display().to_string(), &f.text, false);
        }
        return Err(msg);
    }
    let version = codegen::emit::version_now();
    let mut classes = BTreeMap::new();
    for (_, class) in &out.classes {
        let (cf, _) = codegen::emit::class_file(class, &version)
            .map_err(|e| format!("built-in class {}: {e}", class.info.name))?;
        classes.insert(class.info.name.clone(), cf.write());
    }
    Ok(classes)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_library_compiles_and_holds_the_basic_classes() {
        let classes = super::compile().expect("library compiles");
        for name in [
            ".internal.object",
            ".internal.string",
            ".phantom.util.hashmap",
        ] {
            let bytes = classes
                .get(name)
                .unwrap_or_else(|| panic!("{name} missing"));
            let cf = classfile::ClassFile::parse(bytes).expect("valid class file");
            assert_eq!(cf.info().name, name);
        }
    }
}
