//! Synchronisation primitives: interrupt-safe spinlocks, and sleeping
//! mutex, condition and semaphore built on the scheduler's block/wake.

pub mod cond;
pub mod mutex;
pub mod sema;
pub mod spin;
