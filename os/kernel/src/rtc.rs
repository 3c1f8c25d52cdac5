//! The CMOS real-time clock, read once at boot: the wall clock is that
//! reading plus the time since (the PIT's ticks), so it never jumps.

use core::sync::atomic::{AtomicU64, Ordering};

use x86_64::instructions::port::Port;

/// Milliseconds since the Unix epoch at uptime 0.
static EPOCH_AT_BOOT_MS: AtomicU64 = AtomicU64::new(0);

fn cmos(reg: u8) -> u8 {
    // SAFETY: CMOS index/data ports; bit 7 of the index keeps NMIs enabled
    // as they were (0).
    unsafe {
        Port::<u8>::new(0x70).write(reg);
        Port::<u8>::new(0x71).read()
    }
}

fn updating() -> bool {
    cmos(0x0a) & 0x80 != 0
}

/// The date and time registers: second, minute, hour, day, month, year.
fn raw() -> [u8; 6] {
    let mut spins = 0;
    while updating() && spins < 1_000_000 {
        spins += 1;
        core::hint::spin_loop();
    }
    [
        cmos(0x00),
        cmos(0x02),
        cmos(0x04),
        cmos(0x07),
        cmos(0x08),
        cmos(0x09),
    ]
}

/// Days from 1970-01-01 to the given civil date (proleptic Gregorian).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Reads the clock (twice, until two readings agree, so an update between
/// registers is not mixed in) and records the wall time at boot.
pub fn init() {
    let mut r = raw();
    for _ in 0..5 {
        let again = raw();
        if again == r {
            break;
        }
        r = again;
    }
    let status_b = cmos(0x0b);
    let bcd = status_b & 0x04 == 0;
    let h24 = status_b & 0x02 != 0;
    let conv = |v: u8| {
        if bcd {
            (v & 0x0f) + (v >> 4) * 10
        } else {
            v
        }
    };
    let pm = r[2] & 0x80 != 0;
    let mut hour = conv(r[2] & 0x7f);
    if !h24 {
        hour %= 12;
        if pm {
            hour += 12;
        }
    }
    let (sec, min) = (conv(r[0]), conv(r[1]));
    let (day, month, year) = (conv(r[3]), conv(r[4]), 2000 + i64::from(conv(r[5])));
    let days = days_from_civil(year, i64::from(month), i64::from(day));
    let secs = days * 86_400 + i64::from(hour) * 3600 + i64::from(min) * 60 + i64::from(sec);
    let ms = (secs.max(0) as u64) * 1000;
    EPOCH_AT_BOOT_MS.store(
        ms.saturating_sub(crate::time::uptime_ms()),
        Ordering::Relaxed,
    );
}

/// Milliseconds since the Unix epoch.
pub fn wall_ms() -> u64 {
    EPOCH_AT_BOOT_MS.load(Ordering::Relaxed) + crate::time::uptime_ms()
}
