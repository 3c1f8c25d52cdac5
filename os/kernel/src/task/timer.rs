//! Timed calls: run a closure after a delay, on the soft interrupt thread.

use alloc::boxed::Box;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicU64, Ordering};

use super::softint::{self, Softint};
use crate::sync::spin::SpinLock;
use crate::time;

struct Call {
    deadline: u64,
    id: u64,
    f: Box<dyn FnOnce() + Send>,
}

static CALLS: SpinLock<Vec<Call>> = SpinLock::new(Vec::new());
static NEXT_ID: AtomicU64 = AtomicU64::new(1);
/// Earliest deadline, so the timer interrupt need not take the lock.
static EARLIEST: AtomicU64 = AtomicU64::new(u64::MAX);

/// Handle of a pending timed call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimedCall(u64);

/// Runs `f` once, `ms` milliseconds from now (at the next tick for 0).
pub fn call_after(ms: u64, f: impl FnOnce() + Send + 'static) -> TimedCall {
    let deadline = time::ticks() + ms * time::HZ / 1000;
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    CALLS.lock().push(Call {
        deadline,
        id,
        f: Box::new(f),
    });
    EARLIEST.fetch_min(deadline, Ordering::SeqCst);
    TimedCall(id)
}

/// Cancels a pending call; false if it already ran or was cancelled.
pub fn cancel(call: TimedCall) -> bool {
    let removed = {
        let mut calls = CALLS.lock();
        calls
            .iter()
            .position(|c| c.id == call.0)
            .map(|i| calls.swap_remove(i))
    };
    removed.is_some()
}

pub(crate) fn on_tick(now: u64) {
    if now >= EARLIEST.load(Ordering::SeqCst) {
        EARLIEST.store(u64::MAX, Ordering::SeqCst);
        softint::raise(Softint::Timer);
    }
}

fn run_due() {
    let now = time::ticks();
    let due: Vec<Call> = {
        let mut calls = CALLS.lock();
        let mut due = Vec::new();
        let mut i = 0;
        while i < calls.len() {
            if calls[i].deadline <= now {
                due.push(calls.swap_remove(i));
            } else {
                i += 1;
            }
        }
        let earliest = calls.iter().map(|c| c.deadline).min().unwrap_or(u64::MAX);
        EARLIEST.fetch_min(earliest, Ordering::SeqCst);
        due
    };
    let mut due = due;
    due.sort_by_key(|c| (c.deadline, c.id));
    for c in due {
        (c.f)();
    }
}

/// Hooks timed calls to the timer soft interrupt.
pub fn init() {
    softint::register(Softint::Timer, run_due);
}
