//! Sleeping mutex: waiters block instead of spinning, and unlock hands the
//! mutex straight to the longest waiter (no barging, no starvation).

use alloc::collections::VecDeque;
use core::cell::UnsafeCell;
use core::ops::{Deref, DerefMut};

use super::spin::SpinLock;
use crate::arch::cpu::{irq_restore, irq_save};
use crate::task::sched::{self, Tid, WaitToken};

struct State {
    owner: Option<Tid>,
    waiters: VecDeque<WaitToken>,
}

/// A value protected by a sleeping lock. Not for interrupt handlers.
pub struct Mutex<T: ?Sized> {
    state: SpinLock<State>,
    value: UnsafeCell<T>,
}

// SAFETY: access to `value` is serialised by ownership of the mutex.
unsafe impl<T: ?Sized + Send> Sync for Mutex<T> {}
// SAFETY: moving the mutex moves the value.
unsafe impl<T: ?Sized + Send> Send for Mutex<T> {}

impl<T> Mutex<T> {
    /// Creates an unlocked mutex.
    pub const fn new(value: T) -> Self {
        Self {
            state: SpinLock::new(State {
                owner: None,
                waiters: VecDeque::new(),
            }),
            value: UnsafeCell::new(value),
        }
    }
}

impl<T: ?Sized> Mutex<T> {
    /// Waits until the mutex is free and takes it.
    ///
    /// # Panics
    /// If the calling thread already holds it (that would deadlock).
    pub fn lock(&self) -> MutexGuard<'_, T> {
        self.lock_raw();
        MutexGuard { mutex: self }
    }

    /// Takes the mutex if it is free.
    pub fn try_lock(&self) -> Option<MutexGuard<'_, T>> {
        let mut s = self.state.lock();
        if s.owner.is_some() {
            return None;
        }
        s.owner = Some(sched::current());
        Some(MutexGuard { mutex: self })
    }

    pub(super) fn lock_raw(&self) {
        let me = sched::current();
        let irq = irq_save();
        {
            let mut s = self.state.lock();
            match s.owner {
                None => {
                    s.owner = Some(me);
                    drop(s);
                    irq_restore(irq);
                    return;
                }
                Some(o) if o == me => panic!("mutex locked twice by thread {me}"),
                Some(_) => {
                    let tok = sched::block_prepare(None);
                    s.waiters.push_back(tok);
                }
            }
        }
        // The unlocker makes us the owner before waking us.
        sched::block_commit();
        irq_restore(irq);
    }

    /// Releases the mutex; with interrupts disabled no switch happens here.
    pub(super) fn unlock_raw(&self) {
        {
            let mut s = self.state.lock();
            loop {
                match s.waiters.pop_front() {
                    Some(tok) => {
                        s.owner = Some(tok.tid());
                        if sched::wake(tok) {
                            break;
                        }
                    }
                    None => {
                        s.owner = None;
                        break;
                    }
                }
            }
        }
        sched::preempt_point();
    }
}

/// Holds a [`Mutex`]; unlocks on drop.
pub struct MutexGuard<'a, T: ?Sized> {
    mutex: &'a Mutex<T>,
}

impl<'a, T: ?Sized> MutexGuard<'a, T> {
    pub(super) fn mutex(&self) -> &'a Mutex<T> {
        self.mutex
    }
}

impl<T: ?Sized> Deref for MutexGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the guard proves ownership.
        unsafe { &*self.mutex.value.get() }
    }
}

impl<T: ?Sized> DerefMut for MutexGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the guard proves ownership.
        unsafe { &mut *self.mutex.value.get() }
    }
}

impl<T: ?Sized> Drop for MutexGuard<'_, T> {
    fn drop(&mut self) {
        self.mutex.unlock_raw();
    }
}
