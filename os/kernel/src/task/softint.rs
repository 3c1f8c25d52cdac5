//! Soft interrupts: work that an interrupt handler raises and that runs soon
//! after, with interrupts enabled, on a dedicated highest-priority thread.

use core::sync::atomic::{AtomicU32, Ordering};

use super::sched::{self, Priority};
use crate::sync::sema::Semaphore;
use crate::sync::spin::SpinLock;

/// Soft interrupt numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Softint {
    /// Runs due timed calls.
    Timer = 0,
    /// Free for tests and drivers.
    User = 31,
}

static PENDING: AtomicU32 = AtomicU32::new(0);
/// Handler of one soft interrupt.
type Handler = fn();

static HANDLERS: SpinLock<[Option<Handler>; 32]> = SpinLock::new([None; 32]);
static WAKE: Semaphore = Semaphore::new(0);

/// Sets the handler of `n` (replacing any previous one).
pub fn register(n: Softint, handler: fn()) {
    HANDLERS.lock()[n as usize] = Some(handler);
}

/// Requests `n`; safe from interrupt handlers.
pub fn raise(n: Softint) {
    PENDING.fetch_or(1 << n as u32, Ordering::SeqCst);
    WAKE.release();
}

/// Starts the soft interrupt thread.
pub fn init() -> Result<(), &'static str> {
    sched::spawn("softint", Priority::RealTime(15), || loop {
        WAKE.acquire();
        let pending = PENDING.swap(0, Ordering::SeqCst);
        for bit in 0..32 {
            if pending & (1 << bit) != 0 {
                let h = HANDLERS.lock()[bit];
                if let Some(h) = h {
                    h();
                }
            }
        }
    })?;
    Ok(())
}
