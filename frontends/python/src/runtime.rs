//! The Python runtime: Phantom-language classes under `runtime/`, compiled
//! with the Phantom front end and shipped with every Python program.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use classfile::path::ClassDirs;
use phantom_frontend::SourceFile;

/// The runtime's sources: (path, text).
pub const SOURCES: &[(&str, &str)] = &[
    ("runtime/py.ph", include_str!("../runtime/py.ph")),
    ("runtime/pyfunc.ph", include_str!("../runtime/pyfunc.ph")),
    ("runtime/pylib.ph", include_str!("../runtime/pylib.ph")),
    ("runtime/pybig.ph", include_str!("../runtime/pybig.ph")),
    ("runtime/pyset.ph", include_str!("../runtime/pyset.ph")),
];

/// The compiled runtime: its classes, and their interfaces by name for
/// the code generator's ordinal lookups.
pub struct Runtime {
    /// The classes, as the Phantom front end made them.
    pub classes: Vec<ir::Class>,
    /// Interface of each class by absolute name.
    pub infos: HashMap<String, ir::ClassInfo>,
}

impl Runtime {
    /// The ordinal of method `name` of `class` (searching its parents).
    pub fn ordinal(&self, class: &str, name: &str) -> Option<u32> {
        let mut c = self.infos.get(class)?;
        loop {
            if let Some(m) = c.methods.iter().find(|m| m.name == name) {
                return Some(m.ordinal);
            }
            c = self.infos.get(&c.parent)?;
        }
    }
}

/// Compiles the runtime, or says why it could not (a bug in this crate).
pub fn compile() -> Result<Runtime, String> {
    let files: Vec<SourceFile> = SOURCES
        .iter()
        .map(|(path, text)| SourceFile {
            path: PathBuf::from(path),
            text: (*text).to_string(),
        })
        .collect();
    let out = phantom_frontend::compile_with(
        &files,
        ClassDirs::new(Vec::new()).with_memory(phantom_stdlib::classes()),
    );
    if out.has_errors() {
        let mut msg = String::from("the Python runtime does not compile:\n");
        for (fi, d) in out.diags.iter().filter(|(_, d)| d.is_error()) {
            let f = &files[*fi];
            msg += &diag::render(d, &f.path.display().to_string(), &f.text, false);
        }
        return Err(msg);
    }
    let classes: Vec<ir::Class> = out.classes.into_iter().map(|(_, c)| c).collect();
    let infos = classes
        .iter()
        .map(|c| (c.info.name.clone(), c.info.clone()))
        .collect();
    Ok(Runtime { classes, infos })
}

/// The runtime, compiled once per process.
pub fn get() -> &'static Runtime {
    static RT: OnceLock<Runtime> = OnceLock::new();
    RT.get_or_init(|| compile().unwrap_or_else(|e| panic!("{e}")))
}

#[cfg(test)]
mod tests {
    #[test]
    fn runtime_compiles() {
        let rt = super::compile().unwrap_or_else(|e| panic!("{e}"));
        assert!(rt.ordinal(".py.pint", "add").is_some());
    }
}
