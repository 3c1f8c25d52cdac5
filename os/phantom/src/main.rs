//! `phantom`: the hosted Phantom runtime.

mod host;
mod sched;

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use phantom_frontend::{compile, SourceFile};
use phantom_vm::object::sys;
use phantom_vm::vm::Callee;
use phantom_vm::Vm;

use host::{ClassPath, LinuxHost, MmapRegion};

include!(concat!(env!("OUT_DIR"), "/stdlib.rs"));

const AFTER_HELP: &str = "\
Examples:
  phantom run examples/hello.ph                 compile in memory and run
  phantom run -I out .examples.hello            run a compiled class
  phantom run prog.ph root.user=me              pass kernel environment entries

Exit codes: 0 the program ended normally; 1 a thread ended with an uncaught
exception; 2 the program could not be started (usage, compile or load error).";

#[derive(Parser)]
#[command(name = "phantom", version, about = "Run Phantom programs", after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run a program: a `.ph` file (compiled in memory with the class
    /// library) or a class name found on the class path.
    ///
    /// The VM creates an object of the class (no constructor runs) and calls
    /// its method 8 with the bootstrap object, whose method 16 prints. For a
    /// `.ph` file, the class is the first one declared in the file.
    #[command(after_help = AFTER_HELP)]
    Run {
        /// Directory of compiled class files (`.pc`), searched in order.
        #[arg(short = 'I', value_name = "DIR")]
        include: Vec<PathBuf>,
        /// Largest object memory, in MiB.
        #[arg(long, default_value_t = 4096, value_name = "MIB")]
        heap_max: usize,
        /// Program: FILE.ph or a class name such as `.examples.hello`.
        program: String,
        /// Kernel environment entries (`key=value`), readable through the
        /// bootstrap object's `getKernelEnvironment`.
        args: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.cmd {
        Cmd::Run {
            include,
            heap_max,
            program,
            args,
        } => run(&include, heap_max, &program, &args),
    };
    ExitCode::from(code)
}

fn fail(msg: impl std::fmt::Display) -> u8 {
    eprintln!("phantom: error: {msg}");
    2
}

/// Compiles `file` with the class library. Returns the class files and the
/// name of the first class declared in `file`.
fn compile_program(
    file: &Path,
    include: &[PathBuf],
) -> Result<(HashMap<String, Vec<u8>>, String), u8> {
    let text = match std::fs::read(file) {
        Ok(b) => match String::from_utf8(b) {
            Ok(t) => t,
            Err(e) => {
                return Err(fail(format!(
                    "{}: not UTF-8 text (byte {})",
                    file.display(),
                    e.utf8_error().valid_up_to()
                )))
            }
        },
        Err(e) => return Err(fail(format!("cannot read {}: {e}", file.display()))),
    };
    let mut files = vec![SourceFile {
        path: file.to_path_buf(),
        text,
    }];
    for (path, text) in STDLIB {
        files.push(SourceFile {
            path: PathBuf::from(path),
            text: (*text).to_string(),
        });
    }
    let out = compile(&files, include.to_vec());
    let color = std::io::stderr().is_terminal();
    let mut errors = 0;
    for (fi, d) in &out.diags {
        if d.is_error() {
            errors += 1;
        }
        if *fi == 0 {
            let f = &files[*fi];
            eprint!(
                "{}",
                diag::render(d, &f.path.display().to_string(), &f.text, color)
            );
        }
    }
    if errors > 0 {
        return Err(fail(format!(
            "could not compile {}: {errors} error(s)",
            file.display()
        )));
    }
    let version = codegen::emit::version_now();
    let mut classes = HashMap::new();
    for (_, class) in &out.classes {
        match codegen::emit::class_file(class, &version) {
            Ok((cf, _)) => {
                classes.insert(class.info.name.clone(), cf.write());
            }
            Err(e) => return Err(fail(format!("{}: {e}", class.info.name))),
        }
    }
    // The entry class: the first class declared in the program's file.
    let (unit, _) = phantom_frontend::parse(&files[0].text);
    let mut package = String::new();
    let mut entry = None;
    for item in &unit.items {
        match item {
            phantom_frontend::ast::TopItem::Package(n) => package = n.text(),
            phantom_frontend::ast::TopItem::Class(c) if !c.is_interface && entry.is_none() => {
                let n = c.name.text();
                entry = Some(if c.name.absolute || package.is_empty() {
                    if n.starts_with('.') {
                        n
                    } else {
                        format!(".{n}")
                    }
                } else {
                    format!("{package}.{n}")
                });
            }
            _ => {}
        }
    }
    let Some(entry) = entry else {
        return Err(fail(format!("{} declares no class to run", file.display())));
    };
    let entry = classes
        .keys()
        .find(|k| k.eq_ignore_ascii_case(&entry))
        .cloned()
        .unwrap_or(entry);
    Ok((classes, entry))
}

fn run(include: &[PathBuf], heap_max: usize, program: &str, args: &[String]) -> u8 {
    let (compiled, entry) = if program.ends_with(".ph") {
        match compile_program(Path::new(program), include) {
            Ok(x) => x,
            Err(code) => return code,
        }
    } else {
        let name = if program.starts_with('.') {
            program.to_string()
        } else {
            format!(".{program}")
        };
        (HashMap::new(), name)
    };
    let region = match MmapRegion::reserve(heap_max.max(16) << 20) {
        Ok(r) => r,
        Err(e) => return fail(format!("cannot reserve {heap_max} MiB of memory: {e}")),
    };
    let host = LinuxHost::new(ClassPath {
        compiled,
        dirs: include.to_vec(),
    });
    let mut vm = Vm::new(Box::new(region), Box::new(host), args);
    let cls = match vm.find_class(&entry) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    if !matches!(vm.method_of(cls, 8), Callee::Code(_)) {
        return fail(format!(
            "class {entry} has no method with ordinal 8 to run (declare `void run(var boot) [8] {{ ... }}`)"
        ));
    }
    let obj = match vm.new_instance(cls) {
        Ok(o) => o,
        Err(_) => return fail("out of memory"),
    };
    let boot = match vm.new_instance(vm.internal[sys::BOOT]) {
        Ok(o) => o,
        Err(_) => return fail("out of memory"),
    };
    if let Err(x) = vm.spawn(obj, 8, &[boot]) {
        let t = phantom_vm::native::text_of(&mut vm, x);
        return fail(String::from_utf8_lossy(&t));
    }
    let s = sched::Sched::new(vm);
    let failed = s.run_all();
    if std::env::var_os("PHANTOM_STATS").is_some() {
        // Heap statistics for tests and tuning; a last collection first,
        // so that `live_bytes` is what the finished program left behind.
        s.with_vm(|vm| {
            vm.collect(&[]);
            // The process's peak resident memory (Linux), for the host side.
            let rss = std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| {
                    let kb = s.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
                    kb.trim().trim_end_matches(" kB").parse::<u64>().ok()
                })
                .unwrap_or(0);
            eprintln!(
                "phantom: heap: {} peak_rss_bytes={}",
                vm.heap.stats_text(),
                rss * 1024
            );
        });
    }
    u8::from(failed)
}
