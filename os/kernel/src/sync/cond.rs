//! Condition variable used with [`Mutex`]; waits can time out.

use alloc::collections::VecDeque;

use super::mutex::MutexGuard;
use super::spin::SpinLock;
use crate::arch::cpu::{irq_restore, irq_save};
use crate::task::sched::{self, WaitToken, WakeReason};

/// A condition variable.
pub struct Cond {
    waiters: SpinLock<VecDeque<WaitToken>>,
}

impl Default for Cond {
    fn default() -> Self {
        Self::new()
    }
}

impl Cond {
    /// Creates a condition with no waiters.
    pub const fn new() -> Self {
        Self {
            waiters: SpinLock::new(VecDeque::new()),
        }
    }

    /// Atomically releases `guard`'s mutex and waits for a signal; retakes the mutex.
    pub fn wait<'a, T: ?Sized>(&self, guard: MutexGuard<'a, T>) -> MutexGuard<'a, T> {
        self.wait_inner(guard, None).0
    }

    /// Like [`Cond::wait`] with a timeout; the flag is true if it timed out.
    pub fn wait_timeout<'a, T: ?Sized>(
        &self,
        guard: MutexGuard<'a, T>,
        timeout_ms: u64,
    ) -> (MutexGuard<'a, T>, bool) {
        self.wait_inner(guard, Some(timeout_ms))
    }

    fn wait_inner<'a, T: ?Sized>(
        &self,
        guard: MutexGuard<'a, T>,
        timeout_ms: Option<u64>,
    ) -> (MutexGuard<'a, T>, bool) {
        let mutex = guard.mutex();
        let irq = irq_save();
        let tok = sched::block_prepare(timeout_ms);
        self.waiters.lock().push_back(tok);
        // Interrupts stay off from here to the switch, so no signal can slip
        // in between releasing the mutex and sleeping.
        core::mem::forget(guard);
        mutex.unlock_raw();
        let reason = sched::block_commit();
        if reason == WakeReason::TimedOut {
            self.waiters.lock().retain(|&t| t != tok);
        }
        irq_restore(irq);
        (mutex.lock(), reason == WakeReason::TimedOut)
    }

    /// Wakes one waiter.
    pub fn signal(&self) {
        {
            let mut w = self.waiters.lock();
            while let Some(tok) = w.pop_front() {
                if sched::wake(tok) {
                    break;
                }
            }
        }
        sched::preempt_point();
    }

    /// Wakes every waiter.
    pub fn broadcast(&self) {
        {
            let mut w = self.waiters.lock();
            while let Some(tok) = w.pop_front() {
                sched::wake(tok);
            }
        }
        sched::preempt_point();
    }
}
