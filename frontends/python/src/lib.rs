//! Python 3 front end: Python source to the shared IR (docs/python.md).
//!
//! [`compile::compile`] parses with `rustpython-parser`, analyses names
//! ([`scope`]) and lowers the module into one class whose fields are the
//! globals and whose methods are the functions; the Python object model
//! itself is the [`runtime`], Phantom-language classes under `runtime/`.

pub mod compile;
pub mod runtime;
pub mod scope;

pub use compile::{compile, Program};

use std::path::Path;

/// A Python program compiled to class files.
pub struct Built {
    /// Class files by class name: the module class and the runtime.
    pub classes: Vec<(String, Vec<u8>)>,
    /// The module class, whose method 8 runs the program.
    pub entry: String,
}

/// Why a Python file did not become class files.
pub enum BuildError {
    /// The file could not be read, or is not UTF-8 text.
    Io(String),
    /// Compile errors, with the source text they point into.
    Diags {
        /// The source text.
        text: String,
        /// The errors.
        diags: Vec<diag::Diagnostic>,
    },
    /// The back end refused a class (a bug in this crate).
    Emit(String),
}

/// Reads, compiles and emits a Python file.
pub fn build(path: &Path) -> Result<Built, BuildError> {
    let text = std::fs::read(path)
        .map_err(|e| BuildError::Io(format!("cannot read {}: {e}", path.display())))?;
    let text = String::from_utf8(text).map_err(|e| {
        BuildError::Io(format!(
            "{}: not UTF-8 text (byte {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })?;
    let name = path.display().to_string();
    let program = match compile(&name, &text, runtime::get()) {
        Ok(p) => p,
        Err(diags) => return Err(BuildError::Diags { text, diags }),
    };
    let version = codegen::emit::version_now();
    let mut classes = Vec::new();
    for c in &program.classes {
        let (cf, _) = codegen::emit::class_file(c, &version)
            .map_err(|e| BuildError::Emit(format!("{}: {e}", c.info.name)))?;
        classes.push((c.info.name.clone(), cf.write()));
    }
    Ok(Built {
        classes,
        entry: program.entry,
    })
}

/// [`build`], with a failure rendered for standard error.
pub fn build_file(path: &Path, color: bool) -> Result<Built, String> {
    build(path).map_err(|e| match e {
        BuildError::Io(m) | BuildError::Emit(m) => format!("{m}\n"),
        BuildError::Diags { text, diags } => {
            let name = path.display().to_string();
            diags
                .iter()
                .map(|d| diag::render(d, &name, &text, color))
                .collect()
        }
    })
}

/// The kernel environment entries that carry `sys.argv` to the program:
/// `py.argv.0=<program>`, then one per argument.
pub fn argv_env(program: &str, args: &[String]) -> Vec<String> {
    std::iter::once(program)
        .chain(args.iter().map(String::as_str))
        .enumerate()
        .map(|(i, a)| format!("py.argv.{i}={a}"))
        .collect()
}
