//! Kernel logging: `info!("mem", "...")` prints `[  12.345] INFO mem: ...`
//! with the time since boot. The level filter can be set from the command line.

use core::fmt;
use core::sync::atomic::{AtomicU8, Ordering};

/// Message severity, most severe first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum Level {
    /// Something failed.
    Error = 1,
    /// Something looks wrong.
    Warn = 2,
    /// Normal progress.
    Info = 3,
    /// Details for debugging.
    Debug = 4,
    /// Very chatty details.
    Trace = 5,
}

impl Level {
    fn name(self) -> &'static str {
        match self {
            Level::Error => "ERROR",
            Level::Warn => "WARN ",
            Level::Info => "INFO ",
            Level::Debug => "DEBUG",
            Level::Trace => "TRACE",
        }
    }

    /// Parses `error`, `warn`, `info`, `debug` or `trace`.
    pub fn parse(s: &str) -> Option<Level> {
        Some(match s {
            "error" => Level::Error,
            "warn" => Level::Warn,
            "info" => Level::Info,
            "debug" => Level::Debug,
            "trace" => Level::Trace,
            _ => return None,
        })
    }
}

static MAX_LEVEL: AtomicU8 = AtomicU8::new(Level::Info as u8);

/// Sets the most verbose level that is printed.
pub fn set_max_level(level: Level) {
    MAX_LEVEL.store(level as u8, Ordering::Relaxed);
}

/// Whether messages of `level` are printed.
pub fn enabled(level: Level) -> bool {
    level as u8 <= MAX_LEVEL.load(Ordering::Relaxed)
}

/// Prints one log line; use the level macros instead.
pub fn log(level: Level, subsystem: &str, args: fmt::Arguments<'_>) {
    if !enabled(level) {
        return;
    }
    let us = crate::time::uptime_us();
    crate::serial::print(format_args!(
        "[{:5}.{:03}] {} {}: {}\n",
        us / 1_000_000,
        (us / 1000) % 1000,
        level.name(),
        subsystem,
        args
    ));
}

/// Prints to the console without a prefix.
#[macro_export]
macro_rules! kprint {
    ($($arg:tt)*) => { $crate::serial::print(format_args!($($arg)*)) };
}

/// Prints a line to the console without a prefix.
#[macro_export]
macro_rules! kprintln {
    ($($arg:tt)*) => { $crate::serial::print(format_args!("{}\n", format_args!($($arg)*))) };
}

/// Logs at error level: `error!("subsystem", "fmt", args...)`.
#[macro_export]
macro_rules! error {
    ($sub:expr, $($arg:tt)*) => { $crate::log::log($crate::log::Level::Error, $sub, format_args!($($arg)*)) };
}

/// Logs at warning level.
#[macro_export]
macro_rules! warn {
    ($sub:expr, $($arg:tt)*) => { $crate::log::log($crate::log::Level::Warn, $sub, format_args!($($arg)*)) };
}

/// Logs at info level.
#[macro_export]
macro_rules! info {
    ($sub:expr, $($arg:tt)*) => { $crate::log::log($crate::log::Level::Info, $sub, format_args!($($arg)*)) };
}

/// Logs at debug level.
#[macro_export]
macro_rules! debug {
    ($sub:expr, $($arg:tt)*) => { $crate::log::log($crate::log::Level::Debug, $sub, format_args!($($arg)*)) };
}
