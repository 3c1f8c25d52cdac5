//! `phantom`: the hosted Phantom runtime.

/// `println!` for reports (`phantom image`): see [`write_stdout`].
macro_rules! outln {
    ($($t:tt)*) => {
        $crate::write_stdout(format_args!("{}\n", format_args!($($t)*)))
    };
}

mod host;
mod image_cmd;
mod persist;
mod sched;

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};
use classfile::path::ClassDirs;
use phantom_frontend::{compile_with, SourceFile};
use phantom_vm::object::sys;
use phantom_vm::vm::Callee;
use phantom_vm::Vm;

use host::{ClassPath, LinuxHost, MmapRegion};

const AFTER_HELP: &str = "\
Examples:
  phantom run examples/hello.ph                 compile in memory and run (in hello.img)
  phantom run --no-image examples/hello.ph      run without an image
  phantom run -I out .examples.hello            run a compiled class
  phantom run out/examples.hello.pc             the same, by its class file
  phantom run prog.ph root.user=me              pass kernel environment entries
  phantom run examples/counter.ph               runs in counter.img; run the same
                                                command again (after a crash, kill -9
                                                or power cut) to continue
  phantom image info counter.img                what an image holds

Exit codes: 0 the program ended normally; 1 a thread ended with an uncaught
exception; 2 the program could not be started (usage, compile or load error,
unusable image); 3 the last snapshot could not be written (the image keeps
the one before); 128+N stopped by signal N after a last snapshot.";

const RUN_HELP: &str = "\
Examples:
  phantom run examples/hello.ph
  phantom run -I out .examples.hello
  phantom run out/examples.hello.pc             a class file (its directory is searched first)
  phantom run --image counter.img examples/counter.ph
  phantom run --image counter.img --snapshot-interval 0.5 -v
  phantom run --image counter.img --from 41     continue an older snapshot

Persistence: the whole object memory (objects, classes, threads, their
stacks and sleeping timers) lives in an image file, NAME.img in the current
directory after the program unless --image names one (--no-image: memory
only). It is snapshotted every --snapshot-interval seconds while the program
runs. If the image holds a snapshot, the program is not started again:
every thread goes on from the newest snapshot exactly where it was (a
program that has ended starts again in its image, with its edited classes).
SIGUSR1 takes a snapshot now; SIGINT, SIGTERM and SIGHUP take a last one and
stop (exit code 128+N). Only one process may run an image at a time.

Exit codes: 0 ended normally; 1 uncaught exception; 2 could not start;
3 the last snapshot failed; 128+N stopped by signal N.";

#[derive(Parser)]
#[command(name = "phantom", version, about = "Run Phantom programs", after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run a program: a `.ph` file (compiled in memory with the class
    /// library), a `.pc` class file, or a class name found on the class
    /// path, optionally in a persistent image.
    ///
    /// The VM creates an object of the class (no constructor runs) and calls
    /// its method 8 with the bootstrap object, whose method 16 prints. For a
    /// `.ph` file, the class is the first one declared in the file.
    #[command(after_help = RUN_HELP)]
    Run(RunArgs),
    /// Inspect and manage image files.
    #[command(subcommand, after_help = image_cmd::HELP)]
    Image(image_cmd::ImageCmd),
}

/// `phantom run`'s arguments.
#[derive(clap::Args)]
pub struct RunArgs {
    /// Directory of compiled class files (`.pc`), or a class archive,
    /// searched in order.
    #[arg(short = 'I', value_name = "DIR")]
    include: Vec<PathBuf>,
    /// Object memory size, in MiB [default: 1024, or 4096 with
    /// --no-image; a continued image keeps at least its own size].
    #[arg(long, value_name = "MIB", value_parser = heap_mib)]
    heap_max: Option<usize>,
    /// Persistent image file: created if missing, continued if it holds a
    /// snapshot [default: NAME.img in the current directory, after the
    /// program's file or class name].
    #[arg(long, value_name = "FILE", conflicts_with = "no_image")]
    image: Option<PathBuf>,
    /// Run in memory only: nothing is saved, nothing is continued.
    #[arg(long)]
    no_image: bool,
    /// Seconds between snapshots (fractions allowed); 0 means only on
    /// SIGUSR1 and at the end.
    #[arg(long, value_name = "SECS", default_value_t = 3.0)]
    snapshot_interval: f64,
    /// Continue this kept snapshot (a generation, or a name given to
    /// `phantom image retain`) instead of the newest.
    #[arg(long, value_name = "GEN|NAME", conflicts_with = "no_image")]
    from: Option<String>,
    /// Report each snapshot (pages, pause, write time) on standard error.
    #[arg(short, long)]
    verbose: bool,
    /// When methods run as machine code: `off` (interpret everything),
    /// `on` (compile hot methods) or `always` (compile every method before
    /// it first runs). The output is the same in every mode.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = JitArg::On)]
    jit: JitArg,
    /// With --jit=on: calls plus loop iterations after which a method is
    /// compiled.
    #[arg(long, value_name = "N", default_value_t = phantom_vm::jit::DEFAULT_THRESHOLD)]
    jit_threshold: u32,
    /// Print the Cranelift IR and the machine code of each compiled method
    /// whose `CLASS.METHOD` name contains NAME (on standard error).
    #[arg(long, value_name = "NAME")]
    jit_dump: Option<String>,
    /// Do not say on standard error that an image is being continued.
    #[arg(short, long)]
    quiet: bool,
    /// Program: FILE.ph, a class file FILE.pc (its directory is searched
    /// first for the classes it uses), or a class name such as
    /// `.examples.hello`. Optional when continuing an image.
    #[arg(required_unless_present = "image")]
    program: Option<String>,
    /// Kernel environment entries (`key=value`), readable through the
    /// bootstrap object's `getKernelEnvironment`.
    args: Vec<String>,
}

/// `--jit`'s values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum JitArg {
    /// Interpret every method.
    Off,
    /// Compile methods once they are hot.
    On,
    /// Compile every method before it first runs.
    Always,
}

/// Turns the JIT on as `--jit` asks.
fn enable_jit(vm: &mut Vm, a: &RunArgs) -> Result<(), u8> {
    use phantom_vm::jit::{ExecMemory, JitConfig, JitMode};
    let mode = match a.jit {
        JitArg::Off => JitMode::Off,
        JitArg::On => JitMode::On,
        JitArg::Always => JitMode::Always,
    };
    let config = JitConfig {
        mode,
        threshold: a.jit_threshold,
        dump: a.jit_dump.clone(),
    };
    vm.enable_jit(config, ExecMemory::mmap())
        .map_err(|e| fail(format!("cannot start the JIT: {e}")))
}

/// The `-v` line about the JIT.
fn jit_report(vm: &Vm) {
    let Some(st) = vm.jit_stats() else {
        return;
    };
    let total: u64 = st.compile_ns.iter().sum();
    let mut why: Vec<String> = st
        .rejected
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    why.sort();
    eprintln!(
        "phantom: jit: {} methods compiled in {:.1} ms (median {:.0} µs), {} bytes of code, entered {} times; {} left to the interpreter{}",
        st.compiled,
        total as f64 / 1e6,
        st.median_compile_ns() as f64 / 1e3,
        st.code_bytes,
        st.entries,
        st.rejected_count(),
        if why.is_empty() {
            String::new()
        } else {
            format!(" ({})", why.join(", "))
        }
    );
}

/// Parses `--heap-max`: a whole number of MiB, at least 1.
fn heap_mib(s: &str) -> Result<usize, String> {
    const MAX: usize = 1 << 30;
    match s.parse::<usize>() {
        Ok(0) => Err("the object memory cannot be 0 MiB; give 1 or more".into()),
        Ok(n) if n <= MAX => Ok(n),
        Ok(_) => Err(format!("at most {MAX} MiB")),
        Err(e) => Err(format!("{e}; give a whole number of MiB, 1 or more")),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.cmd {
        Cmd::Run(a) => run(&a),
        Cmd::Image(c) => image_cmd::main(c),
    };
    ExitCode::from(code)
}

/// Writes a report line to standard output. A reader that has gone away
/// (`phantom image info x.img | head -1`) ends the process quietly with exit
/// code 0; another write error ends it with a message and exit code 2.
/// (`println!` panics on both, and a panic aborts.)
pub fn write_stdout(args: std::fmt::Arguments) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let r = out.write_fmt(args).and_then(|()| out.flush());
    drop(out);
    if let Err(e) = r {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("phantom: error: cannot write to standard output: {e}");
        std::process::exit(2);
    }
}

fn fail(msg: impl std::fmt::Display) -> u8 {
    eprintln!("phantom: error: {msg}");
    2
}

/// Compiles `file` with the class library. Returns the class files and the
/// name of the first class declared in `file`.
fn compile_program(file: &Path, include: &[PathBuf]) -> Result<Program, u8> {
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
    let files = vec![SourceFile {
        path: file.to_path_buf(),
        text,
    }];
    // The class library after the -I entries, as at run time: a user's
    // own copy of a library class wins.
    let out = compile_with(&files, class_dirs(include));
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
    let mut own = Vec::new();
    for (fi, class) in &out.classes {
        match codegen::emit::class_file(class, &version) {
            Ok((cf, _)) => {
                if *fi == 0 {
                    own.push(class.info.name.clone());
                }
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
    Ok(Program {
        classes,
        own,
        entry,
        dir: None,
    })
}

/// The class path: these directories and archives, then the built-in
/// class library.
fn class_dirs(include: &[PathBuf]) -> ClassDirs {
    ClassDirs::new(include.to_vec()).with_memory(phantom_stdlib::classes())
}

/// A program to start.
struct Program {
    /// Class files compiled in this run (or read from a file named as the
    /// program), by name.
    classes: HashMap<String, Vec<u8>>,
    /// The classes declared in the program's own file.
    own: Vec<String>,
    /// The class whose method 8 runs.
    entry: String,
    /// A directory searched before the `-I` ones: that of a class file
    /// named as the program.
    dir: Option<PathBuf>,
}

/// How to run a compiled class, for messages: `-I DIR` and the class name
/// of `file` (a `.pc` path) if there is one, an example otherwise.
fn how_to_run(dir: &Path, class: Option<&str>) -> String {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    format!(
        "to run a compiled class, give its directory and its name: phantom run -I {} {}",
        dir.display(),
        class.unwrap_or(".package.class")
    )
}

/// Whether the program argument names a file or directory rather than a
/// class: it has a `/`, ends in `.pc` (a class name starts with `.`), or
/// is a directory.
fn is_path(program: &str) -> bool {
    program.contains('/')
        || (!program.starts_with('.') && (program.ends_with(".pc") || Path::new(program).is_dir()))
}

/// A class file named as the program: its class runs, with its directory
/// first on the class path.
fn class_file_program(program: &str) -> Result<Program, u8> {
    let path = Path::new(program);
    let parent = path.parent().unwrap_or(Path::new("."));
    if path.is_dir() {
        // A class compiled into it, for the example.
        let mut pcs: Vec<String> = std::fs::read_dir(path)
            .into_iter()
            .flatten()
            .filter_map(|e| {
                let name = e.ok()?.file_name().into_string().ok()?;
                Some(format!(".{}", name.strip_suffix(".pc")?))
            })
            .collect();
        pcs.sort();
        return Err(fail(format!(
            "{program} is a directory, not a program; {}",
            how_to_run(path, pcs.first().map(String::as_str))
        )));
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let class = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".pc"))
                .map(|n| format!(".{n}"));
            return Err(fail(format!(
                "cannot read {program}: {e}; {}",
                how_to_run(parent, class.as_deref())
            )));
        }
    };
    let name = match classfile::records::ClassFile::parse(&bytes) {
        Ok(cf) => cf.info().name,
        Err(e) => {
            return Err(fail(format!(
                "{program} is not a class file ({e}); a program is a .ph source file, a .pc class file or a class name"
            )))
        }
    };
    let dir = if parent.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        parent.to_path_buf()
    };
    Ok(Program {
        classes: HashMap::from([(name.clone(), bytes)]),
        // Like the classes of a `.ph` file: started again in its ended
        // image, the program runs this version of the class.
        own: vec![name.clone()],
        entry: name,
        dir: Some(dir),
    })
}

/// A Java class file: it and the other class files in its directory are
/// compiled by the JVM front end; the class's `main` runs.
fn java_program(file: &Path) -> Result<Program, u8> {
    let p = jvm_frontend::program(file).map_err(|e| fail(e.to_string()))?;
    Ok(Program {
        classes: p.classes,
        own: p.own,
        entry: p.entry,
        dir: None,
    })
}

/// Whether `program` ending in `.class` is a Phantom class name such as
/// `.no.such.class` (it starts with a dot, has no slash and is no file)
/// rather than a Java class file.
fn is_class_name(program: &str) -> bool {
    program.starts_with('.') && !program.contains('/') && !Path::new(program).is_file()
}

/// The program to start: a `.ph` file compiled now, a `.pc` class file, or
/// a class name.
fn prepare(program: &str, include: &[PathBuf]) -> Result<Program, u8> {
    if program.ends_with(".py") {
        python_program(Path::new(program))
    } else if program.ends_with(".ph") {
        compile_program(Path::new(program), include)
    } else if program.ends_with(".class") && !is_class_name(program) {
        java_program(Path::new(program))
    } else if is_path(program) {
        class_file_program(program)
    } else {
        let name = if program.starts_with('.') {
            program.to_string()
        } else {
            format!(".{program}")
        };
        Ok(Program {
            classes: HashMap::new(),
            own: Vec::new(),
            entry: name,
            dir: None,
        })
    }
}

/// Compiles a Python program with its runtime (`frontends/python`).
fn python_program(file: &Path) -> Result<Program, u8> {
    match python_frontend::build_file(file, std::io::stderr().is_terminal()) {
        Ok(b) => Ok(Program {
            own: b.classes.iter().map(|(n, _)| n.clone()).collect(),
            classes: b.classes.into_iter().collect(),
            entry: b.entry,
            dir: None,
        }),
        Err(msg) => {
            eprint!("{msg}");
            Err(fail(format!("could not compile {}", file.display())))
        }
    }
}

/// The image a program runs in when none is named: `<name>.img` in the
/// current directory, after a source file's stem or the class's name.
fn default_image(program: &str, entry: &str) -> PathBuf {
    let stem = if program.ends_with(".ph") || program.ends_with(".py") {
        Path::new(program)
            .file_stem()
            .map_or_else(|| "phantom".into(), |s| s.to_string_lossy().into_owned())
    } else {
        entry.trim_start_matches('.').to_string()
    };
    PathBuf::from(format!("{stem}.img"))
}

/// Starts `entry`'s method 8 on a new object with the boot object.
fn boot(vm: &mut Vm, entry: &str) -> Result<(), u8> {
    let cls = vm.find_class(entry).map_err(fail)?;
    if !matches!(vm.method_of(cls, 8), Callee::Code(_)) {
        return Err(fail(format!(
            "class {entry} has no method with ordinal 8 to run (declare `void run(var boot) [8] {{ ... }}`)"
        )));
    }
    let obj = vm.new_instance(cls).map_err(|_| fail("out of memory"))?;
    let boot = vm
        .new_instance(vm.internal[sys::BOOT])
        .map_err(|_| fail("out of memory"))?;
    if let Err(x) = vm.spawn(obj, 8, &[boot]) {
        let t = phantom_vm::native::text_of(vm, x);
        return Err(fail(String::from_utf8_lossy(&t)));
    }
    Ok(())
}

fn run(a: &RunArgs) -> u8 {
    match run_inner(a) {
        Ok(c) | Err(c) => c,
    }
}

fn run_inner(a: &RunArgs) -> Result<u8, u8> {
    let started = Instant::now();
    for dir in &a.include {
        if let Err(e) = std::fs::metadata(dir) {
            return Err(fail(format!(
                "class path -I {}: {e} (-I takes a directory of .pc class files or a class archive)",
                dir.display()
            )));
        }
    }
    let program = a
        .program
        .as_deref()
        .map(|p| prepare(p, &a.include))
        .transpose()?;
    // The program's own classes, to replace older versions of them when it
    // starts again in an existing image.
    let own: Vec<Vec<u8>> = program.as_ref().map_or_else(Vec::new, |p| {
        p.own
            .iter()
            .filter_map(|n| p.classes.get(n).cloned())
            .collect()
    });
    let entry = program.as_ref().map(|p| p.entry.clone());
    let image_path = match (&a.image, a.no_image, &a.program, &entry) {
        (Some(p), _, _, _) => Some(p.clone()),
        (None, false, Some(p), Some(e)) => Some(default_image(p, e)),
        _ => None,
    };
    let mut dirs = a.include.clone();
    let mut compiled = HashMap::new();
    if let Some(p) = program {
        dirs.splice(0..0, p.dir);
        compiled = p.classes;
    }
    let host = Box::new(LinuxHost::new(ClassPath {
        compiled,
        dirs: class_dirs(&dirs),
    }));
    // A Python program's arguments are its sys.argv, not kernel
    // environment entries.
    let env_args = match a.program.as_deref() {
        Some(p) if p.ends_with(".py") => python_frontend::argv_env(p, &a.args),
        _ => a.args.clone(),
    };
    let trace = std::env::var_os("PHANTOM_SNAPSHOT_TRACE").is_some_and(|v| v == "1");
    let mut image = None;
    let mut vm = match &image_path {
        None => {
            let mib = a.heap_max.unwrap_or(4096);
            let region = MmapRegion::reserve(mib.max(16) << 20)
                .map_err(|e| fail(format!("cannot reserve {mib} MiB of memory: {e}")))?;
            Vm::new(Box::new(region), host, &env_args)
        }
        Some(path) => {
            if !(a.snapshot_interval >= 0.0 && a.snapshot_interval.is_finite()) {
                return Err(fail(
                    "--snapshot-interval must be a number of seconds, 0 or more",
                ));
            }
            let mib = a.heap_max.unwrap_or(1024).max(16);
            let img = persist::open(path, mib << 20, a.from.as_deref()).map_err(fail)?;
            let vm = Vm::new(
                Box::new(persist::TrackedRegion(img.tracker.clone())),
                host,
                &env_args,
            );
            if let Some(s) = &img.resumed {
                if !vm.restored {
                    return Err(fail(format!(
                        "snapshot {} of {} does not hold a Phantom object memory",
                        s.generation,
                        path.display()
                    )));
                }
            }
            image = Some(img);
            vm
        }
    };
    enable_jit(&mut vm, a)?;
    let mut resumed_threads = 0;
    if let Some(img) = &image {
        match &img.resumed {
            Some(s) => {
                for (_, e) in vm.restore_threads() {
                    eprintln!("phantom: warning: cannot resume {}", e.0);
                }
                resumed_threads = vm.new_threads.len();
                if trace {
                    host::print_stdout(format!("#phantom resume {}\n", s.generation).as_bytes());
                }
                // A finished program started again is not a continuation.
                if !a.quiet && resumed_threads > 0 {
                    let ago = persist::wall_ms().saturating_sub(s.time_ms) / 1000;
                    eprintln!(
                        "phantom: continuing {} from snapshot {} (taken {} ago), {} thread(s){}",
                        img.path.display(),
                        s.generation,
                        humantime::format_duration(Duration::from_secs(ago)),
                        resumed_threads,
                        match &a.program {
                            Some(p) => format!("; {p} is not started again"),
                            None => String::new(),
                        }
                    );
                }
            }
            None => {
                if trace {
                    host::print_stdout(b"#phantom boot\n");
                }
            }
        }
    }
    if resumed_threads == 0 {
        let Some(e) = &entry else {
            eprintln!(
                "phantom: the program in {} has ended (no thread to continue); give a program to start one in it",
                image_path.as_deref().unwrap_or(Path::new("?")).display()
            );
            return Ok(0);
        };
        let booted = (|| {
            if vm.restored {
                for bytes in &own {
                    vm.replace_class(bytes).map_err(fail)?;
                }
            }
            boot(&mut vm, e)
        })();
        if let Err(code) = booted {
            // A new image that never ran anything is not left behind.
            if let Some(img) = image.as_ref().filter(|i| i.created) {
                let _ = std::fs::remove_file(&img.path);
            }
            return Err(code);
        }
    }
    let s = sched::Sched::new(vm, a.verbose.then_some(started));
    let snapshots = image.map(|img| {
        if img.resumed.is_some() {
            persist::prefetch(img.tracker.clone());
        }
        let interval =
            (a.snapshot_interval > 0.0).then(|| Duration::from_secs_f64(a.snapshot_interval));
        let report = persist::Report {
            verbose: a.verbose,
            trace,
        };
        let snaps = persist::Snapshots::start(s.clone(), img, interval, report);
        persist::on_signals(snaps.requester(), a.verbose);
        snaps
    });
    let failed = s.run_all();
    if a.verbose {
        s.with_vm(|vm| jit_report(vm));
    }
    let mut code = u8::from(failed);
    if let Some(snaps) = snapshots {
        match snaps.finish() {
            Ok(g) => {
                if a.verbose {
                    eprintln!("phantom: the program ended; snapshot {g} is durable");
                }
            }
            Err(_) => code = 3,
        }
    }
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
    Ok(code)
}
