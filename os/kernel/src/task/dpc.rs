//! Deferred procedure calls: closures queued from any context (including
//! interrupt handlers) and run in order on the DPC thread.

use alloc::boxed::Box;
use alloc::collections::VecDeque;
use core::sync::atomic::{AtomicU64, Ordering};

use super::sched::{self, Priority};
use crate::sync::sema::Semaphore;
use crate::sync::spin::SpinLock;

type Dpc = Box<dyn FnOnce() + Send>;

static QUEUE: SpinLock<VecDeque<Dpc>> = SpinLock::new(VecDeque::new());
static WAKE: Semaphore = Semaphore::new(0);
static RUN: AtomicU64 = AtomicU64::new(0);

/// Queues `f` to run on the DPC thread.
pub fn queue(f: impl FnOnce() + Send + 'static) {
    QUEUE.lock().push_back(Box::new(f));
    WAKE.release();
}

/// Number of DPCs run so far.
pub fn completed() -> u64 {
    RUN.load(Ordering::Relaxed)
}

/// Starts the DPC thread.
pub fn init() -> Result<(), &'static str> {
    sched::spawn("dpc", Priority::RealTime(10), || loop {
        WAKE.acquire();
        loop {
            let next = QUEUE.lock().pop_front();
            let Some(f) = next else { break };
            f();
            RUN.fetch_add(1, Ordering::Relaxed);
        }
    })?;
    Ok(())
}
