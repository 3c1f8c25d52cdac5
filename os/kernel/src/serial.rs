//! 16550 UART on COM1: the kernel console. Output is polled; received bytes
//! arrive by interrupt (IRQ 4) and go to the console input queue. A COM2,
//! if the machine has one, carries the programs' standard error
//! ([`write_err_bytes`]).

use core::fmt;
use x86_64::instructions::port::Port;

use crate::sync::spin::SpinLock;

const COM1: u16 = 0x3f8;
const COM2: u16 = 0x2f8;

/// The serial port registers.
pub struct Serial {
    base: u16,
}

impl Serial {
    const fn new(base: u16) -> Self {
        Self { base }
    }

    fn port(&self, offset: u16) -> Port<u8> {
        Port::new(self.base + offset)
    }

    /// Programs 115200 baud, 8N1, FIFOs on, receive interrupt on.
    fn init(&mut self) {
        // SAFETY: standard 16550 programming sequence on COM1's ports.
        unsafe {
            self.port(1).write(0x00); // interrupts off while programming
            self.port(3).write(0x80); // DLAB
            self.port(0).write(0x01); // divisor 1 = 115200 baud
            self.port(1).write(0x00);
            self.port(3).write(0x03); // 8N1
            self.port(2).write(0x07); // FIFO on, cleared, interrupt at every byte (console echo)
            self.port(4).write(0x0b); // DTR, RTS, OUT2 (routes IRQ to the PIC)
            self.port(1).write(0x01); // receive-data-available interrupt
        }
    }

    /// Whether a UART answers at this port: its scratch register keeps a
    /// value (a missing port reads as 0xff).
    fn present(&self) -> bool {
        // SAFETY: the scratch register (offset 7) has no side effects.
        unsafe {
            self.port(7).write(0x5a);
            let a = self.port(7).read();
            self.port(7).write(0xa5);
            a == 0x5a && self.port(7).read() == 0xa5
        }
    }

    /// Programs 115200 baud, 8N1, FIFOs on, no interrupts (output only).
    fn init_output(&mut self) {
        // SAFETY: standard 16550 programming sequence on this UART's ports.
        unsafe {
            self.port(1).write(0x00);
            self.port(3).write(0x80);
            self.port(0).write(0x01);
            self.port(1).write(0x00);
            self.port(3).write(0x03);
            self.port(2).write(0x07);
            self.port(4).write(0x03);
        }
    }

    fn write_byte(&mut self, b: u8) {
        // SAFETY: polling the line status register, then writing THR.
        unsafe {
            let mut spins = 0u32;
            while self.port(5).read() & 0x20 == 0 && spins < 100_000 {
                spins += 1;
                core::hint::spin_loop();
            }
            self.port(0).write(b);
        }
    }

    /// Reads one received byte, if any.
    pub fn read_byte(&mut self) -> Option<u8> {
        // SAFETY: reading LSR and RBR of COM1.
        unsafe { (self.port(5).read() & 1 != 0).then(|| self.port(0).read()) }
    }
}

impl fmt::Write for Serial {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for b in s.bytes() {
            if b == b'\n' {
                self.write_byte(b'\r');
            }
            self.write_byte(b);
        }
        Ok(())
    }
}

/// The console port. Hardware layer: one UART, one lock.
pub static SERIAL: SpinLock<Serial> = SpinLock::new(Serial::new(COM1));

/// COM2, when present: standard error.
static SERIAL2: SpinLock<Option<Serial>> = SpinLock::new(None);

/// Initialises COM1, and COM2 if the machine has one.
pub fn init() {
    SERIAL.lock().init();
    let mut com2 = Serial::new(COM2);
    if com2.present() {
        com2.init_output();
        *SERIAL2.lock() = Some(com2);
    }
}

/// Whether standard error has a line of its own (COM2).
pub fn has_err_line() -> bool {
    SERIAL2.lock().is_some()
}

/// Writes bytes to COM2 (`\n` as `\r\n`), or to the console without one.
pub fn write_err_bytes(bytes: &[u8]) {
    let mut g = SERIAL2.lock();
    let Some(s) = g.as_mut() else {
        drop(g);
        return write_bytes(bytes);
    };
    for &b in bytes {
        if b == b'\n' {
            s.write_byte(b'\r');
        }
        s.write_byte(b);
    }
}

/// Writes formatted text to the console.
pub fn print(args: fmt::Arguments<'_>) {
    use fmt::Write;
    let _ = SERIAL.lock().write_fmt(args);
}

/// Writes raw bytes (program output, which need not be UTF-8), with `\n`
/// sent as `\r\n` like [`print`].
pub fn write_bytes(bytes: &[u8]) {
    let mut s = SERIAL.lock();
    for &b in bytes {
        if b == b'\n' {
            s.write_byte(b'\r');
        }
        s.write_byte(b);
    }
}

/// Writes to the console even if the lock is held (panic path only).
pub fn print_emergency(args: fmt::Arguments<'_>) {
    use fmt::Write;
    match SERIAL.try_lock() {
        Some(mut s) => {
            let _ = s.write_fmt(args);
        }
        None => {
            let mut s = Serial::new(COM1);
            let _ = s.write_fmt(args);
        }
    }
}
