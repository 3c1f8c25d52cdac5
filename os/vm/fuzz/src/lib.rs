//! Shared pieces of the VM fuzz targets: a silent test host, a fresh VM
//! over a small `VecRegion`, a bounded round-robin runner that checks the
//! heap between time slices, and the generator of structured programs
//! used by the `run` target.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use phantom_vm::heap::VecRegion;
use phantom_vm::object::sys;
use phantom_vm::vm::Callee;
use phantom_vm::{Exit, Host, Ref, Vm};

pub mod gen;

/// Cells of the object memory of a fuzzed VM (1 MiB: small enough that
/// programs run out of memory often).
pub const CELLS: usize = 1 << 18;

/// A host with no output, a fixed class map and a clock that jumps a
/// second every time it is read (so sleeps and timed waits end).
pub struct TestHost {
    classes: HashMap<String, Vec<u8>>,
    clock: Cell<u64>,
    /// Where standard output goes (discarded when `None`).
    out: Option<Arc<Mutex<Vec<u8>>>>,
}

// SAFETY: the clock cell is only touched through `&self` by the one thread
// that owns the VM.
unsafe impl Send for TestHost {}

impl TestHost {
    /// A host whose class path holds `classes`.
    pub fn new(classes: HashMap<String, Vec<u8>>) -> TestHost {
        TestHost {
            classes,
            clock: Cell::new(0),
            out: None,
        }
    }
}

impl Host for TestHost {
    fn stdout(&mut self, b: &[u8]) {
        if let Some(out) = &self.out {
            out.lock().expect("output").extend_from_slice(b);
        }
    }
    fn stderr(&mut self, _: &[u8]) {}
    fn now_ms(&self) -> u64 {
        let t = self.clock.get() + 1000;
        self.clock.set(t);
        t
    }
    fn wall_ms(&self) -> u64 {
        1_700_000_000_000 + self.clock.get()
    }
    fn class_file(&mut self, name: &str) -> Option<Vec<u8>> {
        self.classes.get(name).cloned()
    }
    fn read_line(&mut self) -> Option<Vec<u8>> {
        None
    }
}

/// A fresh VM whose host serves `classes`.
pub fn new_vm(classes: HashMap<String, Vec<u8>>) -> Vm {
    Vm::new(
        Box::new(VecRegion::new(CELLS)),
        Box::new(TestHost::new(classes)),
        &["root.user=fuzz".to_string()],
    )
}

/// A fresh VM whose host serves `classes` and appends standard output to
/// `out`.
pub fn new_vm_with_output(classes: HashMap<String, Vec<u8>>, out: Arc<Mutex<Vec<u8>>>) -> Vm {
    let mut host = TestHost::new(classes);
    host.out = Some(out);
    Vm::new(
        Box::new(VecRegion::new(CELLS)),
        Box::new(host),
        &["root.user=fuzz".to_string()],
    )
}

/// Panics with the heap's first problem, if it has one.
pub fn check_heap(vm: &Vm, when: &str) {
    let roots = vm.roots(&[]);
    if let Err(e) = vm.heap.check(&roots) {
        panic!("heap damaged {when}: {e}");
    }
}

/// Starts method 8 of a new instance of `cls` with a boot object, as
/// `phantom run` does. Returns false if that is not possible.
pub fn start(vm: &mut Vm, cls: Ref) -> bool {
    if !matches!(vm.method_of(cls, 8), Callee::Code(_)) {
        return false;
    }
    let Ok(obj) = vm.new_instance(cls) else {
        return false;
    };
    let boot = match vm.new_instance(vm.internal[sys::BOOT]) {
        Ok(b) => b,
        Err(_) => {
            vm.heap.dec(obj);
            return false;
        }
    };
    match vm.spawn(obj, 8, &[boot]) {
        Ok(_) => true,
        Err(x) => {
            vm.heap.dec(x);
            false
        }
    }
}

/// Runs every thread round robin, `budget` per slice, for at most
/// `max_slices` slices in all, collecting garbage and checking the heap
/// every few slices. Threads still alive at the end stay in the table.
/// Returns what ended each thread that ended: `done`, or the uncaught
/// exception's text and backtrace.
pub fn run_threads(vm: &mut Vm, budget: u32, max_slices: u32) -> Vec<String> {
    let mut ends = Vec::new();
    let mut slices = 0u32;
    'outer: loop {
        let mut ran = false;
        for id in 0..vm.threads.len() {
            let Some(mut th) = vm.threads[id].take() else {
                continue;
            };
            ran = true;
            let exit = vm.run(&mut th, budget);
            slices += 1;
            match exit {
                Exit::Budget | Exit::Block(_) => vm.threads[id] = Some(th),
                Exit::Done | Exit::Uncaught(..) => {
                    if let Exit::Uncaught(x, bt) = exit {
                        // What the scheduler does with it.
                        let text = phantom_vm::native::text_of(vm, x);
                        let what = vm.describe(x);
                        ends.push(format!("thread {id}: {what}: {text:?}\n{bt}"));
                        vm.heap.dec(x);
                    } else {
                        ends.push(format!("thread {id}: done"));
                    }
                    assert!(th.frames.is_empty(), "a finished thread has frames");
                    assert!(
                        th.os.is_empty() && th.is.is_empty() && th.es.is_empty(),
                        "a finished thread has stack entries left: {th:?}"
                    );
                    let r = std::mem::take(&mut th.result);
                    vm.heap.dec(r);
                    vm.heap.dec(th.obj);
                }
            }
            vm.new_threads.clear();
            if slices.is_multiple_of(4) {
                vm.collect(&[]);
                check_heap(vm, "after a collection");
            }
            if slices >= max_slices {
                break 'outer;
            }
        }
        if !ran {
            break;
        }
    }
    check_heap(vm, "after running");
    vm.collect(&[]);
    check_heap(vm, "after the last collection");
    ends
}

/// Everything a run of a generated program shows, for the differential
/// JIT target.
#[derive(Debug, PartialEq)]
pub struct Outcome {
    /// Whether the main class loaded (or why not).
    pub loaded: Result<(), String>,
    /// Standard output.
    pub out: Vec<u8>,
    /// How each thread that ended ended (see [`run_threads`]).
    pub ends: Vec<String>,
    /// Threads still alive after the last slice.
    pub alive: usize,
    /// The heap's statistics after a last collection.
    pub heap: String,
}

/// Slices of [`JIT_BUDGET`] calls and backward jumps a differential run
/// gets (smaller than the `run` target's, as every input runs twice and
/// compiles its methods).
pub const JIT_SLICES: u32 = 30;
/// Budget of one slice of a differential run.
pub const JIT_BUDGET: u32 = 2_000;

/// Runs `p` for [`JIT_SLICES`] slices of [`JIT_BUDGET`], interpreted
/// (`jit` false) or with every method compiled before it first runs.
pub fn run_program(p: &gen::Program, jit: bool) -> Outcome {
    use phantom_vm::jit::{ExecMemory, JitConfig, JitMode};
    let out = Arc::new(Mutex::new(Vec::new()));
    let mut vm = new_vm_with_output(p.class_path(), out.clone());
    if jit {
        let config = JitConfig {
            mode: JitMode::Always,
            ..JitConfig::default()
        };
        vm.enable_jit(config, ExecMemory::mmap())
            .expect("the JIT starts");
    }
    let mut ends = Vec::new();
    let loaded = match vm.define_class(&p.classes[0].1) {
        Ok(cls) => {
            if start(&mut vm, cls) {
                ends = run_threads(&mut vm, JIT_BUDGET, JIT_SLICES);
            }
            Ok(())
        }
        Err(e) => Err(e.to_string()),
    };
    let alive = vm.threads.iter().filter(|t| t.is_some()).count();
    let heap = vm.heap.stats_text();
    let out = out.lock().expect("output").clone();
    Outcome {
        loaded,
        out,
        ends,
        alive,
        heap,
    }
}

/// `p` interpreted and compiled: (interpreted, compiled).
pub fn differential(p: &gen::Program) -> (Outcome, Outcome) {
    (run_program(p, false), run_program(p, true))
}
