//! Preemptive priority scheduler for kernel threads on one CPU.
//!
//! A thread's saved context is a copy of the [`TrapFrame`] the interrupt
//! entry pushed: switching threads means saving the current frame into the
//! running thread and overwriting the frame with the next thread's, so every
//! switch (timer preemption, a wake-up from an IRQ, or a voluntary block,
//! which raises the yield vector) goes through the same path and the SSE state
//! travels with the frame.
//!
//! Priorities: real-time threads always run before timesharing ones, which
//! run before the idle thread. Within a class the higher level wins; equal
//! timesharing threads share the CPU round-robin in time slices.

use alloc::boxed::Box;
use alloc::collections::{BTreeMap, VecDeque};
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use crate::arch::cpu::{irq_restore, irq_save};
use crate::arch::idt::{TrapFrame, YIELD_VECTOR};
use crate::mm::{self, paging::Access};
use crate::sync::sema::Semaphore;
use crate::sync::spin::SpinLock;

/// Thread identifier.
pub type Tid = u32;

/// Scheduling class and level (0..=15 within a class; higher runs first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Priority {
    /// Runs only when nothing else can.
    Idle,
    /// Normal kernel work, time-sliced.
    Timesharing(u8),
    /// Always before timesharing threads; not time-sliced.
    RealTime(u8),
}

impl Priority {
    /// Default for kernel threads.
    pub const NORMAL: Priority = Priority::Timesharing(8);

    fn rank(self) -> usize {
        match self {
            Priority::Idle => 0,
            Priority::Timesharing(l) => 1 + usize::from(l.min(15)),
            Priority::RealTime(l) => 17 + usize::from(l.min(15)),
        }
    }
}

const LEVELS: usize = 33;
/// Ticks a timesharing thread runs before equal-priority threads get a turn.
const TIME_SLICE: u32 = 10;
/// Kernel stack size of spawned threads, not counting the guard page.
const STACK_PAGES: u64 = 16;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Running,
    Ready,
    Blocked,
    Dead,
}

/// Why a blocked thread was woken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WakeReason {
    /// Another thread or an interrupt woke it.
    Woken,
    /// Its timeout expired.
    TimedOut,
}

/// Identifies one blocking episode of one thread, so a stale wake-up (for a
/// wait that already timed out) cannot wake a later, unrelated wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WaitToken {
    tid: Tid,
    seq: u64,
}

impl WaitToken {
    /// The waiting thread.
    pub fn tid(self) -> Tid {
        self.tid
    }
}

struct Thread {
    name: String,
    prio: Priority,
    state: State,
    ctx: Box<TrapFrame>,
    /// (first mapped page, pages); None for the boot thread's static stack.
    stack: Option<(u64, u64)>,
    wait_seq: u64,
    wake_reason: WakeReason,
    slice: u32,
}

struct Scheduler {
    threads: BTreeMap<Tid, Thread>,
    ready: [VecDeque<Tid>; LEVELS],
    current: Tid,
    next_tid: Tid,
    /// Blocked threads with a timeout: (deadline tick, token).
    timeouts: Vec<(u64, WaitToken)>,
    /// Rotate among equals at the next switch (yield or slice expiry).
    rotate: bool,
    switches: u64,
}

impl Scheduler {
    fn cur(&mut self) -> &mut Thread {
        let tid = self.current;
        self.threads.get_mut(&tid).expect("current thread exists")
    }

    fn make_ready(&mut self, tid: Tid) {
        let Some(t) = self.threads.get_mut(&tid) else {
            return;
        };
        t.state = State::Ready;
        let rank = t.prio.rank();
        self.ready[rank].push_back(tid);
        let cur_rank = self
            .threads
            .get(&self.current)
            .map(|c| c.prio.rank())
            .unwrap_or(0);
        if rank > cur_rank {
            NEED_RESCHED.store(true, Ordering::Relaxed);
        }
    }

    fn best_ready(&self) -> Option<usize> {
        (0..LEVELS).rev().find(|&r| !self.ready[r].is_empty())
    }

    fn wake(&mut self, tok: WaitToken, reason: WakeReason) -> bool {
        match self.threads.get_mut(&tok.tid) {
            Some(t) if t.state == State::Blocked && t.wait_seq == tok.seq => {
                t.wake_reason = reason;
                self.make_ready(tok.tid);
                true
            }
            _ => false,
        }
    }
}

// Scheduler state: the one run queue of the one CPU.
static SCHED: SpinLock<Option<Scheduler>> = SpinLock::new(None);
static NEED_RESCHED: AtomicBool = AtomicBool::new(false);
static IRQ_DEPTH: AtomicU32 = AtomicU32::new(0);

fn with<R>(f: impl FnOnce(&mut Scheduler) -> R) -> R {
    let mut g = SCHED.lock();
    f(g.as_mut().expect("scheduler initialised"))
}

/// Turns the boot context into thread 1 and starts the idle thread.
pub fn init() -> Result<(), &'static str> {
    let boot = Thread {
        name: String::from("boot"),
        prio: Priority::NORMAL,
        state: State::Running,
        ctx: Box::new(TrapFrame::zeroed()),
        stack: None,
        wait_seq: 0,
        wake_reason: WakeReason::Woken,
        slice: TIME_SLICE,
    };
    let mut threads = BTreeMap::new();
    threads.insert(1, boot);
    *SCHED.lock() = Some(Scheduler {
        threads,
        ready: [const { VecDeque::new() }; LEVELS],
        current: 1,
        next_tid: 2,
        timeouts: Vec::new(),
        rotate: false,
        switches: 0,
    });
    spawn_raw("idle", Priority::Idle, STACK_PAGES, idle_entry, 0)?;
    Ok(())
}

extern "C" fn idle_entry(_: u64) -> ! {
    loop {
        crate::arch::cpu::halt();
    }
}

fn spawn_raw(
    name: &str,
    prio: Priority,
    stack_pages: u64,
    entry: extern "C" fn(u64) -> !,
    arg: u64,
) -> Result<Tid, &'static str> {
    let stack = mm::alloc_pages(stack_pages, 1, Access::RW)?;
    let top = stack + stack_pages * mm::PAGE_SIZE;
    let t = Thread {
        name: String::from(name),
        prio,
        state: State::Ready,
        ctx: Box::new(TrapFrame::new_thread(entry, arg, top)),
        stack: Some((stack, stack_pages)),
        wait_seq: 0,
        wake_reason: WakeReason::Woken,
        slice: TIME_SLICE,
    };
    Ok(with(|s| {
        let tid = s.next_tid;
        s.next_tid += 1;
        s.threads.insert(tid, t);
        s.make_ready(tid);
        tid
    }))
}

/// A started thread: its id and a way to wait for it to finish.
pub struct JoinHandle {
    tid: Tid,
    done: Arc<Semaphore>,
}

impl JoinHandle {
    /// The thread's id.
    pub fn tid(&self) -> Tid {
        self.tid
    }

    /// Waits for the thread to return; false if `timeout_ms` passed first.
    pub fn join_timeout(&self, timeout_ms: u64) -> bool {
        if self.done.acquire_timeout(timeout_ms) {
            self.done.release();
            true
        } else {
            false
        }
    }
}

struct Start {
    f: Box<dyn FnOnce() + Send>,
    done: Arc<Semaphore>,
}

extern "C" fn thread_entry(arg: u64) -> ! {
    // SAFETY: `arg` is the Box<Start> leaked by `spawn` for this thread only.
    let start = unsafe { Box::from_raw(arg as *mut Start) };
    let Start { f, done } = *start;
    f();
    done.release();
    drop(done);
    exit_current();
}

/// Starts a kernel thread running `f`.
pub fn spawn(
    name: &str,
    prio: Priority,
    f: impl FnOnce() + Send + 'static,
) -> Result<JoinHandle, &'static str> {
    spawn_with_stack(name, prio, STACK_PAGES, f)
}

/// Starts a kernel thread running `f` on a stack of `stack_pages` pages
/// (VM threads run the interpreter and need more than kernel services).
pub fn spawn_with_stack(
    name: &str,
    prio: Priority,
    stack_pages: u64,
    f: impl FnOnce() + Send + 'static,
) -> Result<JoinHandle, &'static str> {
    let done = Arc::new(Semaphore::new(0));
    let start = Box::into_raw(Box::new(Start {
        f: Box::new(f),
        done: done.clone(),
    }));
    match spawn_raw(name, prio, stack_pages, thread_entry, start as u64) {
        Ok(tid) => Ok(JoinHandle { tid, done }),
        Err(e) => {
            // SAFETY: the thread was not created, so the box is still ours.
            drop(unsafe { Box::from_raw(start) });
            Err(e)
        }
    }
}

/// Ends the calling thread; its stack is freed at the next switch.
pub fn exit_current() -> ! {
    let _ = irq_save();
    with(|s| s.cur().state = State::Dead);
    switch_now();
    unreachable!("a dead thread was scheduled");
}

/// Raises the yield vector: the scheduler runs with this thread's state as it is now.
fn switch_now() {
    // SAFETY: the yield vector's handler only reschedules.
    unsafe { core::arch::asm!("int {v}", v = const YIELD_VECTOR) };
}

/// Gives the CPU to another ready thread of the same or higher priority.
pub fn yield_now() {
    let irq = irq_save();
    with(|s| s.rotate = true);
    switch_now();
    irq_restore(irq);
}

/// Marks the current thread blocked (optionally with a timeout in ms) and
/// returns its wait token. Must be called with interrupts disabled, and
/// followed by [`block_commit`] before they are enabled again.
pub fn block_prepare(timeout_ms: Option<u64>) -> WaitToken {
    let now = crate::time::ticks();
    with(|s| {
        let tid = s.current;
        let t = s.cur();
        t.wait_seq += 1;
        t.state = State::Blocked;
        t.wake_reason = WakeReason::TimedOut;
        let tok = WaitToken {
            tid,
            seq: t.wait_seq,
        };
        if let Some(ms) = timeout_ms {
            s.timeouts.push((now + ms * crate::time::HZ / 1000, tok));
        }
        tok
    })
}

/// Switches away until woken or timed out (see [`block_prepare`]).
pub fn block_commit() -> WakeReason {
    switch_now();
    with(|s| s.cur().wake_reason)
}

/// Wakes the thread waiting with `tok`; false if that wait is already over.
pub fn wake(tok: WaitToken) -> bool {
    with(|s| s.wake(tok, WakeReason::Woken))
}

/// Sleeps for at least `ms` milliseconds.
pub fn sleep_ms(ms: u64) {
    let irq = irq_save();
    block_prepare(Some(ms.max(1)));
    block_commit();
    irq_restore(irq);
}

/// If a higher-priority thread became ready, switch to it now (thread context only).
pub fn preempt_point() {
    if NEED_RESCHED.load(Ordering::Relaxed)
        && IRQ_DEPTH.load(Ordering::Relaxed) == 0
        && crate::arch::cpu::irq_enabled()
    {
        switch_now();
    }
}

/// Asks for a scheduling decision at the end of the current interrupt.
pub fn request_resched() {
    NEED_RESCHED.store(true, Ordering::Relaxed);
}

/// Marks entry into an interrupt handler.
pub fn interrupt_enter() {
    IRQ_DEPTH.fetch_add(1, Ordering::Relaxed);
}

/// Timer tick: expires timeouts and time slices.
pub fn tick(now: u64) {
    let mut g = SCHED.lock();
    let Some(s) = g.as_mut() else { return };
    let mut i = 0;
    while i < s.timeouts.len() {
        let (deadline, tok) = s.timeouts[i];
        let live = s
            .threads
            .get(&tok.tid)
            .is_some_and(|t| t.state == State::Blocked && t.wait_seq == tok.seq);
        if !live {
            s.timeouts.swap_remove(i);
        } else if deadline <= now {
            s.timeouts.swap_remove(i);
            s.wake(tok, WakeReason::TimedOut);
        } else {
            i += 1;
        }
    }
    let cur = s.cur();
    if matches!(cur.prio, Priority::Timesharing(_)) {
        cur.slice = cur.slice.saturating_sub(1);
        if cur.slice == 0 {
            cur.slice = TIME_SLICE;
            s.rotate = true;
            NEED_RESCHED.store(true, Ordering::Relaxed);
        }
    }
}

/// End of every interrupt: switches threads if a reschedule is pending by
/// saving `frame` into the current thread and loading the next one's.
pub fn interrupt_exit(frame: &mut TrapFrame) {
    IRQ_DEPTH.fetch_sub(1, Ordering::Relaxed);
    if !NEED_RESCHED.swap(false, Ordering::Relaxed) {
        return;
    }
    let mut reaped = None;
    {
        let mut g = SCHED.lock();
        let Some(s) = g.as_mut() else { return };
        let rotate = core::mem::take(&mut s.rotate);
        let cur_tid = s.current;
        let (cur_state, cur_rank) = {
            let c = s.cur();
            (c.state, c.prio.rank())
        };
        let Some(best) = s.best_ready() else {
            // Nothing else is ready: only possible while the current thread can go on.
            return;
        };
        if cur_state == State::Running {
            if best < cur_rank || (best == cur_rank && !rotate) {
                return;
            }
            s.cur().state = State::Ready;
            s.ready[cur_rank].push_back(cur_tid);
        }
        let Some(next) = s.ready[best].pop_front() else {
            return;
        };
        if next == cur_tid {
            s.cur().state = State::Running;
            return;
        }
        (*s.cur().ctx).clone_from(frame);
        if cur_state == State::Dead {
            reaped = s.threads.remove(&cur_tid);
        }
        s.current = next;
        s.switches += 1;
        let n = s.cur();
        n.state = State::Running;
        n.slice = TIME_SLICE;
        frame.clone_from(&n.ctx);
    }
    // The dead thread's stack is no longer in use: we are on the IST stack
    // and its context will never be loaded again.
    if let Some(t) = reaped {
        if let Some((stack, pages)) = t.stack {
            if let Err(e) = mm::free_pages(stack, pages, 1) {
                crate::warn!("sched", "freeing the stack of {}: {}", t.name, e);
            }
        }
    }
}

/// Name of the running thread ("?" if the scheduler is busy or not started).
pub fn current_name() -> String {
    match SCHED.try_lock() {
        Some(g) => match g.as_ref() {
            Some(s) => s
                .threads
                .get(&s.current)
                .map(|t| t.name.clone())
                .unwrap_or_default(),
            None => String::from("boot (no scheduler)"),
        },
        None => String::from("?"),
    }
}

/// Id of the running thread.
pub fn current() -> Tid {
    with(|s| s.current)
}

/// Changes a thread's priority; false if there is no such thread.
pub fn set_priority(tid: Tid, prio: Priority) -> bool {
    with(|s| {
        let Some(t) = s.threads.get_mut(&tid) else {
            return false;
        };
        let old = t.prio.rank();
        t.prio = prio;
        if t.state == State::Ready {
            s.ready[old].retain(|&x| x != tid);
            s.make_ready(tid);
        } else if tid == s.current {
            NEED_RESCHED.store(true, Ordering::Relaxed);
        }
        true
    })
}

/// Number of live threads and context switches so far.
pub fn stats() -> (usize, u64) {
    with(|s| (s.threads.len(), s.switches))
}
