//! Runs VM threads on kernel threads, as `phantom` runs them on host
//! threads (`os/phantom/src/sched.rs`).
//!
//! The VM sits behind one sleeping mutex; a kernel thread holds it while
//! its VM thread runs a time slice, so exactly one VM thread executes at a
//! time and every other one is stopped at a safepoint (a bytecode boundary).
//! The mutex hands itself to the longest waiter, so a thread that ends its
//! slice and asks again goes to the back of the queue: slices rotate. The
//! collector runs between slices. A blocked VM thread gives the mutex up and
//! sleeps on a condition until a sync primitive changes or its deadline
//! passes. The kernel's own scheduler may preempt a slice at any time (its
//! timer), which is harmless: other VM threads wait for the mutex.

use alloc::string::String;
use alloc::sync::Arc;
use core::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};

use phantom_vm::thread::Wait;
use phantom_vm::{Exit, Ref, Vm};

use crate::sync::cond::Cond;
use crate::sync::mutex::{Mutex, MutexGuard};
use crate::sync::sema::Semaphore;
use crate::task::sched::{self as ksched, Priority};
use crate::time;

/// How [`Sched::run_all`] came back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    /// Every VM thread finished.
    Normally,
    /// Every VM thread finished, one with an uncaught exception.
    Uncaught,
    /// Ctrl-C: the threads are still there, stopped at a safepoint once
    /// the VM is locked.
    Stopped,
}

/// Set by [`request_stop`]; taken by [`Sched::run_all`].
static STOP: AtomicBool = AtomicBool::new(false);
/// Released when the last VM thread ends or a stop is requested.
static EVENT: Semaphore = Semaphore::new(0);

/// Asks the running program to stop (Ctrl-C on the console). Callable from
/// an interrupt handler.
pub fn request_stop() {
    STOP.store(true, Ordering::SeqCst);
    EVENT.release();
}

/// Calls and backward jumps per time slice (as hosted).
const SLICE: u32 = 20_000;
/// Kernel stack of a VM thread: 256 KiB (the interpreter keeps VM frames in
/// the object memory, so this is for native code only).
const VM_STACK_PAGES: u64 = 64;
/// How often a thread waiting for console input looks again.
const IO_POLL_MS: u64 = 10;

/// The VM and the kernel threads running its threads.
pub struct Sched {
    vm: Mutex<Vm>,
    changed: Cond,
    /// Kernel threads started for VM threads and not yet ended.
    live: AtomicU32,
    failed: AtomicBool,
    /// Uptime in microseconds when the first slice began (0: not yet).
    first_slice_us: AtomicU64,
}

impl Sched {
    /// Takes over the VM.
    pub fn new(vm: Vm) -> Arc<Sched> {
        Arc::new(Sched {
            vm: Mutex::new(vm),
            changed: Cond::new(),
            live: AtomicU32::new(0),
            failed: AtomicBool::new(false),
            first_slice_us: AtomicU64::new(0),
        })
    }

    /// Runs every VM thread created so far, and the ones they create, to
    /// the end, or until [`request_stop`] (Ctrl-C).
    pub fn run_all(self: &Arc<Sched>) -> Result<Ended, &'static str> {
        let ids = core::mem::take(&mut self.vm.lock().new_threads);
        for id in ids {
            self.start_thread(id)?;
        }
        loop {
            if self.live.load(Ordering::SeqCst) == 0 {
                return Ok(if self.failed.load(Ordering::SeqCst) {
                    Ended::Uncaught
                } else {
                    Ended::Normally
                });
            }
            if STOP.swap(false, Ordering::SeqCst) {
                return Ok(Ended::Stopped);
            }
            EVENT.acquire();
        }
    }

    /// Uptime in microseconds when the first bytecode ran, if it did.
    pub fn first_slice_us(&self) -> Option<u64> {
        match self.first_slice_us.load(Ordering::SeqCst) {
            0 => None,
            t => Some(t),
        }
    }

    /// Runs `f` with the VM locked (after every thread has ended, or at a
    /// safepoint).
    pub fn with_vm<R>(&self, f: impl FnOnce(&mut Vm) -> R) -> R {
        f(&mut self.vm.lock())
    }

    fn start_thread(self: &Arc<Sched>, id: u32) -> Result<(), &'static str> {
        // Counted before the thread exists, so that `live` cannot reach 0
        // while a thread that is about to start is still missing.
        self.live.fetch_add(1, Ordering::SeqCst);
        let me = Arc::clone(self);
        let name = alloc::format!("vm-{id}");
        match ksched::spawn_with_stack(&name, Priority::NORMAL, VM_STACK_PAGES, move || {
            me.thread_main(id);
            me.thread_ended();
        }) {
            Ok(_) => Ok(()),
            Err(e) => {
                self.thread_ended();
                Err(e)
            }
        }
    }

    fn thread_ended(&self) {
        if self.live.fetch_sub(1, Ordering::SeqCst) == 1 {
            EVENT.release();
        }
    }

    fn thread_main(self: &Arc<Sched>, id: u32) {
        let mut vm = self.vm.lock();
        loop {
            let Some(mut th) = vm.threads.get_mut(id as usize).and_then(Option::take) else {
                return;
            };
            let _ = self.first_slice_us.compare_exchange(
                0,
                time::uptime_us().max(1),
                Ordering::SeqCst,
                Ordering::SeqCst,
            );
            let exit = vm.run(&mut th, SLICE);
            let done = matches!(exit, Exit::Done | Exit::Uncaught(..));
            if done {
                let r = core::mem::take(&mut th.result);
                vm.heap.dec(r);
                vm.thread_ended(th.obj);
                vm.heap.dec(th.obj);
                th.obj = Ref::NULL;
            } else {
                vm.threads[id as usize] = Some(th);
            }
            let ids = core::mem::take(&mut vm.new_threads);
            for nid in ids {
                if let Err(e) = self.start_thread(nid) {
                    let msg = alloc::format!("phantom: cannot start VM thread {nid}: {e}\n");
                    vm.host.stderr(msg.as_bytes());
                    self.failed.store(true, Ordering::SeqCst);
                }
            }
            if vm.sync_changed || done {
                vm.sync_changed = false;
                self.changed.broadcast();
            }
            match exit {
                Exit::Done => return,
                Exit::Uncaught(x, bt) => {
                    self.report(&mut vm, x, &bt);
                    return;
                }
                Exit::Budget => {
                    maybe_collect(&mut vm);
                    // Hand the VM to the next thread in line, then queue again.
                    drop(vm);
                    vm = self.vm.lock();
                }
                Exit::Block(w) => {
                    maybe_collect(&mut vm);
                    vm = self.wait(vm, w);
                }
            }
        }
    }

    fn wait<'a>(&'a self, mut vm: MutexGuard<'a, Vm>, w: Wait) -> MutexGuard<'a, Vm> {
        match w {
            Wait::Until(t) => {
                // Other threads' changes do not matter; sleep the whole time.
                loop {
                    let now = vm.host.now_ms();
                    if now >= t {
                        break vm;
                    }
                    vm = self.changed.wait_timeout(vm, t - now).0;
                }
            }
            Wait::Sync => self.changed.wait(vm),
            Wait::SyncUntil(t) => {
                let now = vm.host.now_ms();
                if now >= t {
                    return vm;
                }
                self.changed.wait_timeout(vm, t - now).0
            }
            Wait::Io => self.changed.wait_timeout(vm, IO_POLL_MS).0,
        }
    }

    fn report(&self, vm: &mut Vm, x: Ref, bt: &str) {
        self.failed.store(true, Ordering::SeqCst);
        let text = phantom_vm::native::text_of(vm, x);
        let what = vm.describe(x);
        let msg = alloc::format!(
            "phantom: uncaught exception ({what}): {}\n{bt}",
            String::from_utf8_lossy(&text)
        );
        vm.host.stderr(msg.as_bytes());
        vm.heap.dec(x);
    }
}

/// Collects when the interpreter says enough was allocated (`Vm::gc_due`).
fn maybe_collect(vm: &mut Vm) {
    if vm.gc_due() {
        vm.collect(&[]);
    }
}
