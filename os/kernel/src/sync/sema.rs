//! Counting semaphore. `release` may be called from interrupt handlers.

use alloc::collections::VecDeque;

use super::spin::SpinLock;
use crate::arch::cpu::{irq_restore, irq_save};
use crate::task::sched::{self, WaitToken, WakeReason};

struct Inner {
    count: u32,
    waiters: VecDeque<WaitToken>,
}

/// A counting semaphore with FIFO wake-up order.
pub struct Semaphore {
    inner: SpinLock<Inner>,
}

impl Semaphore {
    /// Creates a semaphore holding `count` units.
    pub const fn new(count: u32) -> Self {
        Self {
            inner: SpinLock::new(Inner {
                count,
                waiters: VecDeque::new(),
            }),
        }
    }

    /// Takes a unit if one is available without waiting.
    pub fn try_acquire(&self) -> bool {
        let mut g = self.inner.lock();
        if g.count > 0 {
            g.count -= 1;
            true
        } else {
            false
        }
    }

    /// Waits for a unit.
    pub fn acquire(&self) {
        self.acquire_inner(None);
    }

    /// Waits up to `timeout_ms` for a unit; false on timeout.
    pub fn acquire_timeout(&self, timeout_ms: u64) -> bool {
        self.acquire_inner(Some(timeout_ms))
    }

    fn acquire_inner(&self, timeout_ms: Option<u64>) -> bool {
        let irq = irq_save();
        let tok = {
            let mut g = self.inner.lock();
            if g.count > 0 {
                g.count -= 1;
                drop(g);
                irq_restore(irq);
                return true;
            }
            if timeout_ms == Some(0) {
                drop(g);
                irq_restore(irq);
                return false;
            }
            let tok = sched::block_prepare(timeout_ms);
            g.waiters.push_back(tok);
            tok
        };
        // A releaser hands its unit directly to the thread it wakes.
        let got = match sched::block_commit() {
            WakeReason::Woken => true,
            WakeReason::TimedOut => {
                self.inner.lock().waiters.retain(|&t| t != tok);
                false
            }
        };
        irq_restore(irq);
        got
    }

    /// Returns a unit, waking the longest waiter if there is one.
    pub fn release(&self) {
        {
            let mut g = self.inner.lock();
            loop {
                match g.waiters.pop_front() {
                    Some(tok) if sched::wake(tok) => break,
                    Some(_) => continue,
                    None => {
                        g.count = g.count.saturating_add(1);
                        break;
                    }
                }
            }
        }
        sched::preempt_point();
    }

    /// Units currently available.
    pub fn count(&self) -> u32 {
        self.inner.lock().count
    }
}
