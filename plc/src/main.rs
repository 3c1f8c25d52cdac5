//! `plc`, the Phantom Language Compiler.
//!
//! The driver only wires the pipeline together: source → front end
//! (`phantom-frontend`) → IR → back end (`codegen`) → `.pc` class files and
//! listings. Exit codes: 0 success, 1 compile errors, 2 usage or I/O error.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use classfile::path::ClassDirs;
use phantom_frontend::{compile_with, SourceFile};

const EXAMPLES: &str = "\
The class library (.internal.*, .phantom.*) is built in; -I directories come
first, so a class of your own with a library class's name wins.

Examples:
  plc compile -o out examples/hello.ph      compile to out/examples.hello.pc
  phantom run -I out .examples.hello        ... and run it
  plc compile -I lib -o out --emit pc,lst,lstc a.ph b.ph
                                            a.ph and b.ph may use each other and lib's classes
  plc check --message-format=json src/*.ph  diagnostics only, one JSON object per line
  plc dump out/demo.counter.pc              disassemble a class file";

/// The Phantom Language Compiler.
#[derive(Parser)]
#[command(name = "plc", version, about, after_help = EXAMPLES)]
struct Cli {
    /// How to print diagnostics.
    #[arg(long, value_enum, global = true, default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,
    /// When to use colours in diagnostics.
    #[arg(long, value_enum, global = true, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compile Phantom sources to class files (and listings).
    #[command(after_help = EXAMPLES)]
    Compile {
        #[command(flatten)]
        input: Input,
        /// Output directory.
        #[arg(short = 'o', long = "out-dir", default_value = ".")]
        out: PathBuf,
        /// What to write: any of pc, lst, lstc.
        #[arg(long, value_delimiter = ',', default_value = "pc")]
        emit: Vec<Emit>,
    },
    /// Check sources and print diagnostics, writing nothing.
    Check {
        #[command(flatten)]
        input: Input,
    },
    /// Run the language server (LSP over standard input and output).
    Lsp,
    /// Disassemble a class file to the `.lstc` listing form.
    Dump {
        /// The `.pc` file.
        file: PathBuf,
    },
}

#[derive(clap::Args)]
struct Input {
    /// Directory of `.pc` files (or a class archive) searched for imported classes, before the built-in class library (repeatable, in order).
    #[arg(short = 'I', value_name = "DIR")]
    include: Vec<PathBuf>,
    /// Source files; files named together may refer to each other in any order.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MessageFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Emit {
    Pc,
    Lst,
    Lstc,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let code = match cli.command {
        Command::Compile { input, out, emit } => {
            run_compile(&input, Some((&out, &emit)), cli.message_format, color)
        }
        Command::Check { input } => run_compile(&input, None, cli.message_format, color),
        Command::Dump { file } => dump(&file),
        Command::Lsp => match phantom_lsp::run_stdio() {
            Ok(()) => 0,
            Err(e) => fail(format!("language server: {e}")),
        },
    };
    ExitCode::from(code)
}

/// Writes to standard output. A reader that has gone away (`plc dump x.pc |
/// head -1`) ends the process quietly with exit code 0; another write error
/// ends it with a message and exit code 2. (`print!` panics on both, and a
/// panic aborts.)
fn print_out(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let r = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    drop(out);
    if let Err(e) = r {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        let code = fail(format!("cannot write to standard output: {e}"));
        std::process::exit(code.into());
    }
}

fn fail(msg: impl std::fmt::Display) -> u8 {
    eprintln!("error: {msg}");
    2
}

fn run_compile(
    input: &Input,
    output: Option<(&Path, &[Emit])>,
    format: MessageFormat,
    color: bool,
) -> u8 {
    if input
        .files
        .iter()
        .any(|p| p.extension().is_some_and(|x| x == "py"))
    {
        return python_compile(input, output, format, color);
    }
    if input
        .files
        .iter()
        .any(|p| p.extension().is_some_and(|x| x == "class" || x == "jar"))
    {
        return java_compile(input, output);
    }
    let mut files = Vec::new();
    for path in &input.files {
        match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => files.push(SourceFile {
                    path: path.clone(),
                    text,
                }),
                Err(e) => {
                    return fail(format!(
                        "{}: not UTF-8 text (byte {})",
                        path.display(),
                        e.utf8_error().valid_up_to()
                    ))
                }
            },
            Err(e) => return fail(format!("cannot read {}: {e}", path.display())),
        }
    }
    for dir in &input.include {
        if !dir.exists() {
            return fail(format!(
                "class path entry {} does not exist (-I takes a directory of .pc files or a class archive)",
                dir.display()
            ));
        }
    }
    // The built-in class library comes after the -I entries, so that a
    // user's own copy of a library class wins.
    let class_path = ClassDirs::new(input.include.clone()).with_memory(phantom_stdlib::classes());
    let out = compile_with(&files, class_path);
    let mut errors = 0;
    let mut warnings = 0;
    for (fi, d) in &out.diags {
        let f = &files[*fi];
        let name = f.path.display().to_string();
        if d.is_error() {
            errors += 1;
        } else {
            warnings += 1;
        }
        match format {
            MessageFormat::Human => eprint!("{}", diag::render(d, &name, &f.text, color)),
            MessageFormat::Json => print_out(&format!("{}\n", diag::to_json(d, &name, &f.text))),
        }
    }
    if errors > 0 {
        if format == MessageFormat::Human {
            eprintln!("error: could not compile: {errors} error(s), {warnings} warning(s)");
        }
        return 1;
    }
    let Some((dir, emit)) = output else { return 0 };
    if let Err(e) = std::fs::create_dir_all(dir) {
        return fail(format!("cannot create {}: {e}", dir.display()));
    }
    let version = codegen::emit::version_now();
    for (_, class) in &out.classes {
        let stem = class.info.name.trim_start_matches('.');
        let write = |ext: &str, bytes: &[u8]| -> Result<(), String> {
            let p = dir.join(format!("{stem}.{ext}"));
            std::fs::write(&p, bytes).map_err(|e| format!("cannot write {}: {e}", p.display()))
        };
        let result = (|| -> Result<(), String> {
            if emit.contains(&Emit::Pc) {
                let (cf, _) = codegen::emit::class_file(class, &version)
                    .map_err(|e| format!("{}: {e}", class.info.name))?;
                write("pc", &cf.write())?;
            }
            if emit.contains(&Emit::Lst) {
                write("lst", codegen::lst::render(class).as_bytes())?;
            }
            if emit.contains(&Emit::Lstc) {
                let text = codegen::emit::lstc(class, &version)
                    .map_err(|e| format!("{}: {e}", class.info.name))?;
                write("lstc", text.as_bytes())?;
            }
            Ok(())
        })();
        if let Err(e) = result {
            return fail(e);
        }
    }
    0
}

/// `plc compile|check Foo.class ...`: the class files (a directory stands
/// for the class files in it) through jvm-frontend; the output directory
/// gets their classes and the Java runtime library's (`--emit lst` is
/// not available: the JVM front end makes no trees).
fn java_compile(input: &Input, output: Option<(&Path, &[Emit])>) -> u8 {
    let out = match jvm_frontend::compile_paths(&input.files) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    let Some((dir, emit)) = output else { return 0 };
    if emit.contains(&Emit::Lst) {
        return fail("--emit lst is not available for Java classes (use pc and lstc)");
    }
    if let Err(e) = std::fs::create_dir_all(dir) {
        return fail(format!("cannot create {}: {e}", dir.display()));
    }
    for c in &out.classes {
        let stem = c.name.trim_start_matches('.');
        let mut files = Vec::new();
        if emit.contains(&Emit::Pc) {
            files.push(("pc", c.file.write()));
        }
        if emit.contains(&Emit::Lstc) {
            let version = c.file.class.version.clone().unwrap_or_default();
            let blocks: Vec<String> = c.listings.iter().map(|m| m.render()).collect();
            files.push((
                "lstc",
                classfile::listing::render_class(&version, &blocks).into_bytes(),
            ));
        }
        for (ext, bytes) in files {
            let p = dir.join(format!("{stem}.{ext}"));
            if let Err(e) = std::fs::write(&p, bytes) {
                return fail(format!("cannot write {}: {e}", p.display()));
            }
        }
    }
    0
}

/// `plc compile|check prog.py`: each Python file on its own through
/// python-frontend; the output directory gets the module class and the
/// Python runtime's classes.
fn python_compile(
    input: &Input,
    output: Option<(&Path, &[Emit])>,
    format: MessageFormat,
    color: bool,
) -> u8 {
    if let Some(p) = input
        .files
        .iter()
        .find(|p| p.extension().is_none_or(|x| x != "py"))
    {
        return fail(format!(
            "{}: Python files are compiled on their own, without other sources",
            p.display()
        ));
    }
    let mut errors = 0;
    let mut built = Vec::new();
    for path in &input.files {
        match python_frontend::build(path) {
            Ok(b) => built.push(b),
            Err(python_frontend::BuildError::Diags { text, diags }) => {
                let name = path.display().to_string();
                for d in &diags {
                    errors += 1;
                    match format {
                        MessageFormat::Human => eprint!("{}", diag::render(d, &name, &text, color)),
                        MessageFormat::Json => {
                            print_out(&format!("{}\n", diag::to_json(d, &name, &text)))
                        }
                    }
                }
            }
            Err(python_frontend::BuildError::Io(m) | python_frontend::BuildError::Emit(m)) => {
                return fail(m)
            }
        }
    }
    if errors > 0 {
        if format == MessageFormat::Human {
            eprintln!("error: could not compile: {errors} error(s)");
        }
        return 1;
    }
    let Some((dir, emit)) = output else { return 0 };
    if emit.iter().any(|e| *e != Emit::Pc) {
        return fail("Python programs are compiled to .pc files only (--emit pc)");
    }
    if let Err(e) = std::fs::create_dir_all(dir) {
        return fail(format!("cannot create {}: {e}", dir.display()));
    }
    for b in &built {
        for (name, bytes) in &b.classes {
            let p = dir.join(format!("{}.pc", name.trim_start_matches('.')));
            if let Err(e) = std::fs::write(&p, bytes) {
                return fail(format!("cannot write {}: {e}", p.display()));
            }
        }
    }
    0
}

fn dump(file: &Path) -> u8 {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return fail(format!("cannot read {}: {e}", file.display())),
    };
    match classfile::listing::disassemble(&bytes) {
        Ok(text) => {
            print_out(&text);
            0
        }
        Err(e) => fail(format!("{}: {e}", file.display())),
    }
}
