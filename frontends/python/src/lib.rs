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

/// Reads, compiles and emits a Python file. On failure the error is the
/// rendered diagnostics (or the I/O error), ready for standard error.
pub fn build_file(path: &Path, color: bool) -> Result<Built, String> {
    let text = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}\n", path.display()))?;
    let text = String::from_utf8(text).map_err(|e| {
        format!(
            "{}: not UTF-8 text (byte {})\n",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    let name = path.display().to_string();
    let program = compile(&name, &text, runtime::get()).map_err(|diags| {
        diags
            .iter()
            .map(|d| diag::render(d, &name, &text, color))
            .collect::<String>()
    })?;
    let version = codegen::emit::version_now();
    let mut classes = Vec::new();
    for c in &program.classes {
        let (cf, _) = codegen::emit::class_file(c, &version)
            .map_err(|e| format!("{}: {e}\n", c.info.name))?;
        classes.push((c.info.name.clone(), cf.write()));
    }
    Ok(Built {
        classes,
        entry: program.entry,
    })
}

/// Checks a Python file: the rendered diagnostics, empty when it compiles.
pub fn check_file(path: &Path, color: bool) -> Result<(), String> {
    build_file(path, color).map(|_| ())
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
