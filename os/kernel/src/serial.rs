//! 16550 UART on COM1: the kernel console. Output is polled; received bytes
//! arrive by interrupt (IRQ 4) and go to the console input queue.

use core::fmt;
use x86_64::instructions::port::Port;

use crate::sync::spin::SpinLock;

const COM1: u16 = 0x3f8;

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

/// Initialises COM1.
pub fn init() {
    SERIAL.lock().init();
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
