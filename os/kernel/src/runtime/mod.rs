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
//! * `snapshot=SECS`: seconds between snapshots of a program with an
//!   object store (fractions allowed; 0: only the last one, when the
//!   program ends) [default 3].
//! * `marks`: frame each program's output for a test harness
//!   ([`host::Console`]).
//! * any other `key=value`: the kernel environment of the programs
//!   (`boot.getKernelEnvironment()`), after the VM's defaults.

mod archive;
mod host;
pub(crate) mod region;
mod sched;
pub(crate) mod store;

pub use sched::request_stop;

use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::sync::Arc;
use alloc::vec::Vec;

use phantom_vm::object::sys;
use phantom_vm::vm::Callee;
use phantom_vm::Vm;

use crate::arch::cpu::ExitCode;
use crate::sync::mutex::Mutex;
use crate::{info, mm, rtc, time, vga};
use host::{Console, KernelHost};
use region::KernelRegion;

/// Object memory size without `heap=`, in MiB.
const DEFAULT_HEAP_MIB: u64 = 1024;
/// The largest `heap=` accepted, in MiB (the kernel's virtual space is 512 GiB).
const MAX_HEAP_MIB: u64 = 64 * 1024;
/// A program's status when Ctrl-C stopped it.
const STOPPED: u8 = 3;
/// Time between snapshots without `snapshot=` (as `phantom run`).
const DEFAULT_SNAPSHOT_MS: u64 = 3000;

/// What the command line asks of the runtime.
pub struct Options {
    /// Classes to run, in order.
    pub classes: Vec<String>,
    /// Object memory size in MiB.
    pub heap_mib: u64,
    /// Framed output for `cargo xtask test-programs`.
    pub marks: bool,
    /// Milliseconds between snapshots; `None`: only at the end.
    pub snapshot_ms: Option<u64>,
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
            snapshot_ms: Some(DEFAULT_SNAPSHOT_MS),
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
            } else if let Some(v) = word.strip_prefix("snapshot=") {
                o.snapshot_ms = match v.parse::<f64>() {
                    Ok(0.0) => None,
                    Ok(x) if x > 0.0 && x <= 86_400.0 => Some(((x * 1000.0) as u64).max(1)),
                    _ => {
                        return Err(alloc::format!(
                            "snapshot={v}: give the seconds between snapshots, 0 to 86400"
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
    // One program keeps its object memory in the disk's store; several
    // programs in one boot (tests) run without.
    let store = if classes.len() == 1 {
        match store::open() {
            Ok(s) => s,
            Err(e) => {
                crate::error!("phantom", "{e}");
                return ExitCode::ProgramNotStarted;
            }
        }
    } else {
        None
    };
    let mut store = store;
    let entries = Arc::new(archive.entries);
    let mut worst = 0u8;
    for class in &classes {
        console.begin(class);
        let status = run_one(class, &opts, console, entries.clone(), store.take());
        console.end(status);
        worst = worst.max(status);
        if status == STOPPED {
            break;
        }
    }
    match worst {
        0 => ExitCode::ProgramsEnded,
        1 => ExitCode::ProgramFailed,
        STOPPED => ExitCode::ProgramStopped,
        _ => ExitCode::ProgramNotStarted,
    }
}

/// Runs one program in a fresh VM, or continues it from the newest snapshot
/// of `store`: 0 it ended normally, 1 a thread ended with an uncaught
/// exception, 2 it could not start (or its last snapshot failed).
fn run_one(
    word: &str,
    opts: &Options,
    console: Console,
    entries: Arc<Vec<classfile::bulk::Entry>>,
    store: Option<store::Store>,
) -> u8 {
    let not_started = |msg: &str| {
        console.err(alloc::format!("phantom: error: {msg}\n").as_bytes());
        2
    };
    // `PROGRAM:.class` runs a class of one program of the disk.
    let (program, class) = match word.split_once(':') {
        Some((p, c)) => (Some(p), c),
        None => (None, word),
    };
    let snapshot_bytes = store
        .as_ref()
        .and_then(|s| s.resumed.as_ref())
        .map_or(0, |r| r.pages * mm::PAGE_SIZE);
    // A continued snapshot's pages are loaded on demand (and in the
    // background) by the loader thread.
    let to_load = match &store {
        Some(st) if st.resumed.is_some() => store::stored_pages(&st.pager),
        _ => Default::default(),
    };
    let region =
        match KernelRegion::reserve_lazy((opts.heap_mib << 20).max(snapshot_bytes), to_load) {
            Ok(r) => r,
            Err(e) => return not_started(&alloc::format!("object memory: {e}")),
        };
    let pages = region.pages();
    let (pager, partition) = match store {
        Some(st) => (
            Some(Arc::new(Mutex::new(st.pager))),
            Some((st.partition, st.resumed)),
        ),
        None => (None, None),
    };
    let resumed = partition.as_ref().and_then(|p| p.1.clone());
    let loader = match (&pager, region.lazy()) {
        (Some(p), Some(lazy)) => {
            info!(
                "store",
                "continuing snapshot {} of partition {}: {} pages to load",
                resumed.as_ref().map_or(0, |r| r.generation),
                partition.as_ref().map_or(0, |p| p.0),
                lazy.remaining()
            );
            match store::Loader::start(p.clone(), pages.clone(), lazy) {
                Ok(l) => Some(l),
                Err(e) => return not_started(&alloc::format!("cannot start the loader: {e}")),
            }
        }
        _ => None,
    };
    let started_us = time::uptime_us();
    let host = KernelHost::new(console, entries.clone(), program);
    let mut vm = Vm::new(Box::new(region), Box::new(host), &opts.env);
    let mut resumed_threads = 0;
    if let Some(r) = resumed.as_ref() {
        if !vm.restored {
            return not_started(&alloc::format!(
                "snapshot {} of the object store does not hold a Phantom object memory",
                r.generation
            ));
        }
        for (_, e) in vm.restore_threads() {
            console.err(alloc::format!("phantom: warning: cannot resume {}\n", e.0).as_bytes());
        }
        resumed_threads = vm.new_threads.len();
        console.snapshot_event(b'R', r.generation);
        if resumed_threads > 0 {
            let ago = rtc::wall_ms().saturating_sub(r.time_ms) / 1000;
            console.err(
                alloc::format!(
                    "phantom: continuing from snapshot {} (taken {ago} s ago), {resumed_threads} thread(s)\n",
                    r.generation
                )
                .as_bytes(),
            );
        }
    }
    if resumed_threads == 0 {
        if vm.restored {
            // The program ended in its object memory and starts again: its
            // classes as compiled now replace the old versions.
            let own = program.map(|p| alloc::format!("{p}:"));
            for e in entries.iter() {
                if own.as_ref().is_some_and(|o| e.name.starts_with(o.as_str())) {
                    if let Err(err) = vm.replace_class(&e.data) {
                        return not_started(&err.to_string());
                    }
                }
            }
        }
        if let Err(msg) = boot(&mut vm, class) {
            return not_started(&msg);
        }
    }
    let s = sched::Sched::new(vm);
    let snapshots = match pager {
        Some(p) => match store::Snapshots::start(s.clone(), console, p, pages, opts.snapshot_ms) {
            Ok(x) => Some(x),
            Err(e) => return not_started(&alloc::format!("cannot start the snapshot thread: {e}")),
        },
        None => None,
    };
    let ended = match s.run_all() {
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
    let mut status = match ended {
        sched::Ended::Normally => 0,
        sched::Ended::Uncaught => 1,
        sched::Ended::Stopped => STOPPED,
    };
    if let Some(snaps) = snapshots {
        match snaps.finish() {
            Ok(g) if ended == sched::Ended::Stopped => {
                console
                    .err(alloc::format!("phantom: stopped; snapshot {g} is durable\n").as_bytes());
            }
            Ok(g) => info!("store", "the program ended; snapshot {g} is durable"),
            Err(e) => {
                console.err(
                    alloc::format!("phantom: error: the last snapshot failed: {e}\n").as_bytes(),
                );
                status = status.max(2);
            }
        }
    }
    if let Some(l) = loader {
        l.stop();
    }
    if ended == sched::Ended::Stopped {
        // The VM threads are still blocked on the VM or in a wait: the
        // machine stops here, with them.
        return status;
    }
    // Dropping the VM frees its object memory's frames.
    s.with_vm(|vm| {
        vm.collect(&[]);
        crate::debug!("phantom", "{class}: heap {}", vm.heap.stats_text());
    });
    status
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
