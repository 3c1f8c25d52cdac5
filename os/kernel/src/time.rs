//! Time since boot, counted by the PIT's periodic interrupt.

use core::sync::atomic::{AtomicU64, Ordering};

/// Timer interrupts per second.
pub const HZ: u64 = 1000;

static TICKS: AtomicU64 = AtomicU64::new(0);

/// Timer ticks since the timer was started.
pub fn ticks() -> u64 {
    TICKS.load(Ordering::Relaxed)
}

/// Milliseconds since the timer was started.
pub fn uptime_ms() -> u64 {
    ticks() * 1000 / HZ
}

/// Microseconds since the timer was started (tick resolution).
pub fn uptime_us() -> u64 {
    ticks() * (1_000_000 / HZ)
}

fn on_tick() {
    let now = TICKS.fetch_add(1, Ordering::Relaxed) + 1;
    crate::task::sched::tick(now);
    crate::task::timer::on_tick(now);
}

/// Starts the periodic timer interrupt.
pub fn init() -> Result<(), &'static str> {
    crate::arch::pic::start_timer(HZ as u32, on_tick)
}
