//! Phantom programs on the kernel: the VM core (`phantom-vm`, no_std) with
//! the class library and the programs' classes from the boot class archive
//! on the disk, VM threads on kernel threads.
//!
//! Command line words read here (the others are the kernel's own):
//! * `class=NAME`: a class to run (its method 8 with the boot object, as
//!   `phantom run` does); repeat it to run several programs one after the
//!   other, each in a fresh VM. `class=PROGRAM:NAME` runs a class of one
//!   program of a disk with several (see `os/bootdisk`). Without it, the
//!   archive's boot list runs.
//! * `heap=MIB`: object memory size (virtual; pages are backed on first
//!   touch) [default 1024].
//! * `marks`: frame each program's output for a test harness
//!   ([`host::Console`]).
//! * any other `key=value`: the kernel environment of the programs
//!   (`boot.getKernelEnvironment()`), after the VM's defaults.

mod archive;
mod host;
mod region;
mod sched;

use alloc::string::{String, ToString};
use alloc::sync::Arc;
use alloc::vec::Vec;

use phantom_vm::object::sys;
use phantom_vm::vm::Callee;
use phantom_vm::Vm;

use crate::arch::cpu::ExitCode;
use crate::{info, time, vga};
use host::{Console, KernelHost};
use region::KernelRegion;

/// Object memory size without `heap=`, in MiB.
const DEFAULT_HEAP_MIB: u64 = 1024;
/// The largest `heap=` accepted, in MiB (the kernel's virtual space is 512 GiB).
const MAX_HEAP_MIB: u64 = 64 * 1024;

/// What the command line asks of the runtime.
pub struct Options {
    /// Classes to run, in order.
    pub classes: Vec<String>,
    /// Object memory size in MiB.
    pub heap_mib: u64,
    /// Framed output for `cargo xtask test-programs`.
    pub marks: bool,
    /// Kernel environment entries for the programs.
    pub env: Vec<String>,
}

impl Options {
    /// Parses the runtime's words of the command line; a bad value is an
    /// error naming the word.
    pub fn parse(cmdline: &str) -> Result<Options, String> {
        let mut o = Options {
            classes: Vec::new(),
            heap_mib: DEFAULT_HEAP_MIB,
            marks: false,
            env: Vec::new(),
        };
        for word in cmdline.split_ascii_whitespace() {
            if let Some(c) = word.strip_prefix("class=") {
                if c.is_empty() {
                    return Err("class= names no class".into());
                }
                o.classes.push(if c.starts_with('.') || c.contains(':') {
                    c.to_string()
                } else {
                    alloc::format!(".{c}")
                });
            } else if let Some(m) = word.strip_prefix("heap=") {
                o.heap_mib = match m.parse::<u64>() {
                    Ok(n) if (16..=MAX_HEAP_MIB).contains(&n) => n,
                    _ => {
                        return Err(alloc::format!(
                            "heap={m}: give the object memory size in MiB, 16 to {MAX_HEAP_MIB}"
                        ))
                    }
                };
            } else if word == "marks" {
                o.marks = true;
            } else if word.contains('=') && !word.starts_with("log=") {
                o.env.push(word.to_string());
            }
        }
        Ok(o)
    }
}

/// Whether to boot into programs: the command line names a class, or the
/// disk holds a boot class archive.
pub fn wanted(cmdline: &str) -> bool {
    cmdline
        .split_ascii_whitespace()
        .any(|w| w.starts_with("class="))
        || archive::present()
}

/// Runs the programs and returns the exit code for QEMU.
pub fn run(cmdline: &str) -> ExitCode {
    crate::rtc::init();
    vga::clear();
    let opts = match Options::parse(cmdline) {
        Ok(o) => o,
        Err(e) => {
            crate::error!("phantom", "command line: {e}");
            return ExitCode::ProgramNotStarted;
        }
    };
    let console = Console { marks: opts.marks };
    let archive = match archive::load() {
        Ok(a) => a,
        Err(e) => {
            crate::error!("phantom", "{e}");
            return ExitCode::ProgramNotStarted;
        }
    };
    info!(
        "phantom",
        "boot class archive: partition {}, {} classes, {} KiB, after {} ms",
        archive.partition,
        archive.entries.len(),
        archive.bytes >> 10,
        time::uptime_ms()
    );
    let classes = if opts.classes.is_empty() {
        archive.default_classes.clone()
    } else {
        opts.classes.clone()
    };
    if classes.is_empty() {
        crate::error!(
            "phantom",
            "no class to run: the command line has no class=NAME and the boot archive names none"
        );
        return ExitCode::ProgramNotStarted;
    }
    let entries = Arc::new(archive.entries);
    let mut worst = 0u8;
    for class in &classes {
        console.begin(class);
        let status = run_one(class, &opts, console, entries.clone());
        console.end(status);
        worst = worst.max(status);
    }
    match worst {
        0 => ExitCode::ProgramsEnded,
        1 => ExitCode::ProgramFailed,
        _ => ExitCode::ProgramNotStarted,
    }
}

/// Runs one program in a fresh VM: 0 it ended normally, 1 a thread ended
/// with an uncaught exception, 2 it could not start.
fn run_one(
    class: &str,
    opts: &Options,
    console: Console,
    entries: Arc<Vec<classfile::bulk::Entry>>,
) -> u8 {
    let not_started = |msg: &str| {
        console.err(alloc::format!("phantom: error: {msg}\n").as_bytes());
        2
    };
    let region = match KernelRegion::reserve(opts.heap_mib << 20) {
        Ok(r) => r,
        Err(e) => return not_started(&alloc::format!("object memory: {e}")),
    };
    // `PROGRAM:.class` runs a class of one program on a disk with several.
    let (program, class) = match class.split_once(':') {
        Some((p, c)) => (Some(p), c),
        None => (None, class),
    };
    let started_us = time::uptime_us();
    let host = KernelHost::new(console, entries, program);
    let mut vm = Vm::new(
        alloc::boxed::Box::new(region),
        alloc::boxed::Box::new(host),
        &opts.env,
    );
    if let Err(msg) = boot(&mut vm, class) {
        return not_started(&msg);
    }
    let s = sched::Sched::new(vm);
    let failed = match s.run_all() {
        Ok(f) => f,
        Err(e) => return not_started(&alloc::format!("cannot start a VM thread: {e}")),
    };
    if let Some(t) = s.first_slice_us() {
        info!(
            "phantom",
            "{class}: first bytecode {} us after the VM was created ({} ms after boot), ended after {} ms",
            t.saturating_sub(started_us),
            t / 1000,
            (time::uptime_us() - started_us) / 1000
        );
    }
    // Dropping the VM frees its object memory's frames.
    s.with_vm(|vm| {
        vm.collect(&[]);
        crate::debug!("phantom", "{class}: heap {}", vm.heap.stats_text());
    });
    u8::from(failed)
}

/// Starts `entry`'s method 8 on a new object with the boot object (as
/// `phantom run` does).
fn boot(vm: &mut Vm, entry: &str) -> Result<(), String> {
    let cls = vm.find_class(entry).map_err(|e| e.to_string())?;
    if !matches!(vm.method_of(cls, 8), Callee::Code(_)) {
        return Err(alloc::format!(
            "class {entry} has no method with ordinal 8 to run (declare `void run(var boot) [8] {{ ... }}`)"
        ));
    }
    let obj = vm
        .new_instance(cls)
        .map_err(|_| String::from("out of memory"))?;
    let boot = vm
        .new_instance(vm.internal[sys::BOOT])
        .map_err(|_| String::from("out of memory"))?;
    if let Err(x) = vm.spawn(obj, 8, &[boot]) {
        let t = phantom_vm::native::text_of(vm, x);
        return Err(String::from_utf8_lossy(&t).into_owned());
    }
    Ok(())
}
