//! Kernel threads, the scheduler and deferred work.

pub mod dpc;
pub mod sched;
pub mod softint;
pub mod timer;
