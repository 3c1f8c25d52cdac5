//! Runs VM threads on host threads.
//!
//! The VM state sits behind one lock; a host thread holds it while its VM
//! thread runs a time slice, so exactly one VM thread executes at a time and
//! every other one is stopped at a bytecode boundary (a safepoint). The
//! collector runs between slices; a blocked thread gives the lock up and
//! sleeps on a condition variable until a sync primitive changes or its
//! deadline passes.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex, MutexGuard};
use phantom_vm::thread::Wait;
use phantom_vm::{Exit, Ref, Vm};

/// Calls and backward jumps per time slice.
const SLICE: u32 = 20_000;

/// Shared between the host threads.
pub struct Sched {
    vm: Mutex<Vm>,
    changed: Condvar,
    handles: Mutex<Vec<std::thread::JoinHandle<()>>>,
    failed: AtomicBool,
    /// Set once the first time slice starts (the first bytecode runs).
    first_slice: OnceLock<()>,
    /// With `-v`: when the process started, to report the first slice.
    report_start_from: Option<Instant>,
}

impl Sched {
    /// Takes over the VM.
    /// `report_start_from`: print on standard error how long after this
    /// instant the first bytecode ran.
    pub fn new(vm: Vm, report_start_from: Option<Instant>) -> Arc<Sched> {
        Arc::new(Sched {
            vm: Mutex::new(vm),
            changed: Condvar::new(),
            handles: Mutex::new(Vec::new()),
            failed: AtomicBool::new(false),
            first_slice: OnceLock::new(),
            report_start_from,
        })
    }

    /// Runs every VM thread created so far (and the ones they create) to
    /// the end. Returns whether one ended with an uncaught exception.
    pub fn run_all(self: &Arc<Sched>) -> bool {
        let ids: Vec<u32> = std::mem::take(&mut self.vm.lock().new_threads);
        for id in ids {
            self.start_thread(id);
        }
        loop {
            let h = self.handles.lock().pop();
            match h {
                Some(h) => {
                    let _ = h.join();
                }
                None => break,
            }
        }
        self.failed.load(Ordering::SeqCst)
    }

    fn start_thread(self: &Arc<Sched>, id: u32) {
        let me = Arc::clone(self);
        let h = std::thread::Builder::new()
            .name(format!("vm-{id}"))
            .stack_size(1 << 20)
            .spawn(move || me.thread_main(id))
            .expect("spawn a host thread");
        // Join the host threads whose VM threads have ended, so that their
        // stacks are freed now: `run_all` joins in order and may wait on a
        // long-running thread meanwhile.
        let done: Vec<_> = {
            let mut hs = self.handles.lock();
            let (done, running) = std::mem::take(&mut *hs)
                .into_iter()
                .partition(|h| h.is_finished());
            *hs = running;
            hs.push(h);
            done
        };
        for h in done {
            let _ = h.join();
        }
    }

    fn thread_main(self: Arc<Sched>, id: u32) {
        let mut vm = self.vm.lock();
        loop {
            let Some(mut th) = vm.threads.get_mut(id as usize).and_then(Option::take) else {
                return;
            };
            self.first_slice.get_or_init(|| {
                if let Some(t) = self.report_start_from {
                    eprintln!(
                        "phantom: first bytecode {:.1} ms after start",
                        t.elapsed().as_secs_f64() * 1e3
                    );
                }
            });
            let exit = vm.run(&mut th, SLICE);
            let done = matches!(exit, Exit::Done | Exit::Uncaught(..));
            if done {
                let r = std::mem::take(&mut th.result);
                vm.heap.dec(r);
                vm.thread_ended(th.obj);
                vm.heap.dec(th.obj);
                th.obj = Ref::NULL;
            } else {
                vm.threads[id as usize] = Some(th);
            }
            let ids: Vec<u32> = std::mem::take(&mut vm.new_threads);
            for nid in ids {
                self.start_thread(nid);
            }
            if vm.sync_changed || done {
                vm.sync_changed = false;
                self.changed.notify_all();
            }
            match exit {
                Exit::Done => return,
                Exit::Uncaught(x, bt) => {
                    self.report(&mut vm, x, &bt);
                    return;
                }
                Exit::Budget => {
                    maybe_collect(&mut vm);
                    MutexGuard::bump(&mut vm);
                }
                Exit::Block(w) => {
                    maybe_collect(&mut vm);
                    self.wait(&mut vm, w);
                }
            }
        }
    }

    fn wait(&self, vm: &mut MutexGuard<'_, Vm>, w: Wait) {
        let now = vm.host.now_ms();
        let deadline = |ms: u64| Instant::now() + Duration::from_millis(ms.saturating_sub(now));
        match w {
            Wait::Until(t) => {
                let d = deadline(t);
                // Other threads' changes do not matter; sleep the whole time.
                while Instant::now() < d {
                    let _ = self.changed.wait_until(vm, d);
                }
            }
            Wait::Sync => self.changed.wait(vm),
            Wait::SyncUntil(t) => {
                let _ = self.changed.wait_until(vm, deadline(t));
            }
            Wait::Io => {
                let _ = self.changed.wait_for(vm, Duration::from_millis(10));
            }
        }
    }

    fn report(&self, vm: &mut Vm, x: Ref, bt: &str) {
        self.failed.store(true, Ordering::SeqCst);
        let text = phantom_vm::native::text_of(vm, x);
        let what = vm.describe(x);
        let msg = format!(
            "phantom: uncaught exception ({what}): {}\n{bt}",
            String::from_utf8_lossy(&text)
        );
        vm.host.stderr(msg.as_bytes());
        vm.heap.dec(x);
    }

    /// Runs `f` with the VM locked (after every thread has ended, or at a
    /// safepoint).
    pub fn with_vm<R>(&self, f: impl FnOnce(&mut Vm) -> R) -> R {
        f(&mut self.vm.lock())
    }
}

/// Collects when the interpreter says enough was allocated (`Vm::gc_due`).
fn maybe_collect(vm: &mut Vm) {
    if vm.gc_due() {
        vm.collect(&[]);
    }
}
