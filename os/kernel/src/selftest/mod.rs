//! In-kernel self-test suite, run at boot with the `selftest` command line
//! word. It prints one line per test and a closing `selftest: N passed, M
//! failed` line, then ends the QEMU run with the matching exit code.

mod disk;
mod mem;
mod store;
mod threads;

use alloc::string::String;

use crate::time;

/// A test's outcome: Err carries the reason.
pub type TestResult = Result<(), String>;

/// Fails the current test with a formatted message unless `cond` holds.
#[macro_export]
macro_rules! check {
    ($cond:expr, $($arg:tt)*) => {
        if !$cond {
            return Err(alloc::format!("{} ({}:{})", format_args!($($arg)*), file!(), line!()));
        }
    };
}

/// A named test.
type Test = (&'static str, fn() -> TestResult);

const TESTS: &[Test] = &[
    ("phys_allocator", mem::phys_allocator),
    ("vspace_allocator", mem::vspace_allocator),
    ("paging_map_protect_unmap", mem::paging_map_protect_unmap),
    ("heap_stress", mem::heap_stress),
    ("page_fault_hook", mem::page_fault_hook),
    ("thread_priorities", threads::priorities),
    ("preemption_time_slices", threads::preemption),
    ("sse_state_across_switches", threads::sse_state),
    ("sleep_and_timed_calls", threads::sleep_and_timed_calls),
    ("spinlock_irq_off", threads::spinlock),
    ("mutex_contention", threads::mutex),
    ("cond_signal_and_timeout", threads::cond),
    ("semaphore", threads::semaphore),
    ("softint_and_dpc", threads::softint_and_dpc),
    ("keyboard_irq_input", threads::keyboard),
    ("disk_mbr_partitions", disk::partitions),
    ("disk_write_read_roundtrip", disk::roundtrip),
    ("disk_async_requests", disk::async_requests),
    ("store_pager_roundtrip", store::pager_roundtrip),
    ("store_dirty_tracking", store::dirty_tracking),
    ("store_lazy_page_in", store::lazy_page_in),
];

/// Runs every test and returns (passed, failed).
pub fn run() -> (usize, usize) {
    let started = time::uptime_ms();
    crate::kprintln!("selftest: running {} tests", TESTS.len());
    let (mut passed, mut failed) = (0, 0);
    for (name, test) in TESTS {
        let t0 = time::uptime_ms();
        let r = test();
        let took = time::uptime_ms() - t0;
        match r {
            Ok(()) => {
                passed += 1;
                crate::kprintln!("selftest: {name} ... ok ({took} ms)");
            }
            Err(e) => {
                failed += 1;
                crate::kprintln!("selftest: {name} ... FAILED ({took} ms): {e}");
            }
        }
    }
    crate::kprintln!(
        "selftest: finished in {} ms of kernel time",
        time::uptime_ms() - started
    );
    crate::kprintln!("selftest: {passed} passed, {failed} failed");
    (passed, failed)
}

/// A small deterministic pseudo-random generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    /// Seeds the generator (0 is replaced by a constant).
    pub fn new(seed: u64) -> Rng {
        Rng(if seed == 0 {
            0x9e37_79b9_7f4a_7c15
        } else {
            seed
        })
    }

    /// Next value.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform-ish value in 0..n (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}
