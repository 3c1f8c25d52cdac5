//! Time since boot.

use core::sync::atomic::{AtomicU64, Ordering};

/// Timer interrupts per second.
pub const HZ: u64 = 1000;

static TICKS: AtomicU64 = AtomicU64::new(0);

/// Timer ticks since the timer was started.
pub fn ticks() -> u64 {
    TICKS.load(Ordering::Relaxed)
}

/// Microseconds since the timer was started (tick resolution).
pub fn uptime_us() -> u64 {
    ticks() * (1_000_000 / HZ)
}
