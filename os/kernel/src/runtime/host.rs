//! The kernel as the VM's platform: console on the serial line and the VGA
//! screen, input from the keyboard and the serial line, the PIT and CMOS
//! clocks, classes from the boot archive.

use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;

use classfile::bulk;
use phantom_vm::vm::Input;
use phantom_vm::Host;

use crate::dev::keyboard;
use crate::{rtc, serial, time, vga};

/// Frames VM output for a test harness reading the serial line: with
/// `marks`, standard error is sent as `\x01E<bytes>\x01` so that it can be
/// told from standard output, [`Console::begin`] / [`Console::end`]
/// bracket each program (`\x01B<class>\x01`, `\x01X<status>\x01`), and
/// snapshots are reported ([`Console::snapshot_event`]).
#[derive(Clone, Copy)]
pub struct Console {
    /// Frame output for `cargo xtask test-programs`.
    pub marks: bool,
}

/// The marker byte of framed output.
const MARK: u8 = 0x01;

impl Console {
    /// Program output.
    pub fn out(self, bytes: &[u8]) {
        serial::write_bytes(bytes);
        vga::write_bytes(bytes);
    }

    /// Diagnostics (uncaught exceptions): on COM2 if the machine has one
    /// (`cargo xtask qemu --headless` gives it the host's stderr), else on
    /// the console.
    pub fn err(self, bytes: &[u8]) {
        if self.marks && !serial::has_err_line() {
            serial::write_bytes(&[MARK, b'E']);
            serial::write_bytes(bytes);
            serial::write_bytes(&[MARK]);
        } else {
            serial::write_err_bytes(bytes);
        }
        vga::write_bytes(bytes);
    }

    /// A program starts.
    pub fn begin(self, class: &str) {
        if self.marks {
            serial::write_bytes(&[MARK, b'B']);
            serial::write_bytes(class.as_bytes());
            serial::write_bytes(&[MARK]);
        }
    }

    /// Snapshot events for the kill test: `I` the instant of snapshot
    /// `generation` (written under the VM lock, so in order with the
    /// program's output), `D` it is durable, `R` the program continues it.
    pub fn snapshot_event(self, kind: u8, generation: u64) {
        if self.marks {
            serial::write_bytes(&[MARK, kind]);
            serial::write_bytes(alloc::format!("{generation}").as_bytes());
            serial::write_bytes(&[MARK]);
        }
    }

    /// A program ended with `status` (0 normally, 1 uncaught exception, 2
    /// could not start).
    pub fn end(self, status: u8) {
        if self.marks {
            serial::write_bytes(&[MARK, b'X', b'0' + status, MARK]);
        }
    }
}

/// The VM's host in the kernel.
pub struct KernelHost {
    console: Console,
    classes: Arc<Vec<bulk::Entry>>,
    /// `PROGRAM:` on a disk with several programs: the program's own classes
    /// are stored under it and found before the library's.
    prefix: Option<String>,
    /// The input line being typed.
    line: Vec<u8>,
}

impl KernelHost {
    /// A host finding classes in `classes` (the boot archive), first under
    /// `program:` if a program is named.
    pub fn new(
        console: Console,
        classes: Arc<Vec<bulk::Entry>>,
        program: Option<&str>,
    ) -> KernelHost {
        KernelHost {
            console,
            classes,
            prefix: program.map(|p| alloc::format!("{p}:")),
            line: Vec::new(),
        }
    }

    /// The archive name of the program's own class `name`.
    fn scoped(&self, name: &str) -> Option<String> {
        let p = self.prefix.as_ref()?;
        Some(alloc::format!(
            "{p}{}",
            name.strip_prefix('.').unwrap_or(name)
        ))
    }

    /// Takes one input byte; returns the line when it is complete. Echoes,
    /// since the console (a terminal in raw mode, or the screen) does not.
    fn feed(&mut self, b: u8) -> Option<Vec<u8>> {
        match b {
            b'\n' => {
                self.console.out(b"\n");
                Some(core::mem::take(&mut self.line))
            }
            0x08 | 0x7f => {
                if self.line.pop().is_some() {
                    self.console.out(b"\x08 \x08");
                }
                None
            }
            b if b >= 0x20 || b == b'\t' => {
                self.line.push(b);
                self.console.out(&[b]);
                None
            }
            _ => None,
        }
    }
}

impl Host for KernelHost {
    fn stdout(&mut self, bytes: &[u8]) {
        self.console.out(bytes);
    }

    fn stderr(&mut self, bytes: &[u8]) {
        self.console.err(bytes);
    }

    fn now_ms(&self) -> u64 {
        time::uptime_ms()
    }

    fn wall_ms(&self) -> u64 {
        rtc::wall_ms()
    }

    fn class_file(&mut self, name: &str) -> Option<Vec<u8>> {
        let own = self
            .scoped(name)
            .and_then(|n| bulk::find(&self.classes, &n).map(|e| e.data.clone()));
        own.or_else(|| {
            bulk::find(&self.classes, name)
                .filter(|e| !e.name.contains(':'))
                .map(|e| e.data.clone())
        })
    }

    fn class_names_ignoring_case(&mut self, name: &str) -> Vec<String> {
        let want = name.strip_prefix('.').unwrap_or(name);
        let prefix = self.prefix.as_deref().unwrap_or("");
        let mut out: Vec<String> = self
            .classes
            .iter()
            .filter_map(|e| match e.name.split_once(':') {
                // Another program's class is not on this program's path.
                Some((p, n)) if prefix.strip_suffix(':') == Some(p) => Some(n),
                Some(_) => None,
                None => Some(e.name.as_str()),
            })
            .filter(|n| n.eq_ignore_ascii_case(want))
            .map(|n| alloc::format!(".{n}"))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    fn read_line(&mut self) -> Option<Vec<u8>> {
        loop {
            // The console never ends: wait as long as it takes.
            if let Some(b) = keyboard::read_byte(60_000) {
                if let Some(l) = self.feed(b) {
                    return Some(l);
                }
            }
        }
    }

    fn poll_line(&mut self) -> Input {
        while let Some(b) = keyboard::read_byte(0) {
            if let Some(l) = self.feed(b) {
                return Input::Line(l);
            }
        }
        Input::Waiting
    }
}
