//! PS/2 keyboard (scan code set 1, US layout) and serial input, merged into
//! one console input queue that threads read with a timeout.

use alloc::collections::VecDeque;
use core::sync::atomic::{AtomicBool, Ordering};
use x86_64::instructions::port::Port;

use crate::sync::sema::Semaphore;
use crate::sync::spin::SpinLock;

const DATA: u16 = 0x60;
const STATUS: u16 = 0x64;
const CAPACITY: usize = 256;

static INPUT: SpinLock<VecDeque<u8>> = SpinLock::new(VecDeque::new());
static AVAILABLE: Semaphore = Semaphore::new(0);
static SHIFT: AtomicBool = AtomicBool::new(false);

const PLAIN: &[u8; 58] =
    b"\0\x1b1234567890-=\x08\tqwertyuiop[]\n\0asdfghjkl;'`\0\\zxcvbnm,./\0*\0 ";
const SHIFTED: &[u8; 58] =
    b"\0\x1b!@#$%^&*()_+\x08\tQWERTYUIOP{}\n\0ASDFGHJKL:\"~\0|ZXCVBNM<>?\0*\0 ";

/// Translates one set-1 scan code, tracking the shift keys.
pub fn decode(code: u8) -> Option<u8> {
    match code {
        0x2a | 0x36 => {
            SHIFT.store(true, Ordering::Relaxed);
            None
        }
        0xaa | 0xb6 => {
            SHIFT.store(false, Ordering::Relaxed);
            None
        }
        c if c & 0x80 != 0 => None, // key release
        c => {
            let table = if SHIFT.load(Ordering::Relaxed) {
                SHIFTED
            } else {
                PLAIN
            };
            table.get(usize::from(c)).copied().filter(|&b| b != 0)
        }
    }
}

/// Adds a byte to the console input (drops it if the queue is full).
pub fn push_input(b: u8) {
    {
        let mut q = INPUT.lock();
        if q.len() >= CAPACITY {
            return;
        }
        q.push_back(b);
    }
    AVAILABLE.release();
}

/// Waits up to `timeout_ms` for a byte of console input.
pub fn read_byte(timeout_ms: u64) -> Option<u8> {
    if !AVAILABLE.acquire_timeout(timeout_ms) {
        return None;
    }
    INPUT.lock().pop_front()
}

fn on_keyboard_irq() {
    // SAFETY: reading the controller's output buffer acknowledges the byte.
    let code = unsafe { Port::<u8>::new(DATA).read() };
    if let Some(b) = decode(code) {
        push_input(b);
    }
}

fn on_serial_irq() {
    while let Some(b) = crate::serial::SERIAL.lock().read_byte() {
        if b == CTRL_C {
            // Not input: the request to stop the running program (after a
            // last snapshot), as SIGINT is for the hosted runtime.
            crate::runtime::request_stop();
            continue;
        }
        push_input(if b == b'\r' { b'\n' } else { b });
    }
}

/// Ctrl-C as the serial line carries it.
const CTRL_C: u8 = 0x03;

/// Feeds a scan code to the controller as if the keyboard had sent it
/// (i8042 command 0xD2); it then arrives through IRQ 1. Used by the self-tests.
pub fn inject_scancode(code: u8) -> bool {
    // SAFETY: i8042 status/command/data ports.
    unsafe {
        let mut status = Port::<u8>::new(STATUS);
        for _ in 0..100_000 {
            if status.read() & 2 == 0 {
                status.write(0xd2);
                for _ in 0..100_000 {
                    if status.read() & 2 == 0 {
                        Port::<u8>::new(DATA).write(code);
                        return true;
                    }
                }
                return false;
            }
        }
    }
    false
}

/// Drains stale controller output and enables keyboard and serial input IRQs.
pub fn init() -> Result<(), &'static str> {
    // SAFETY: reading the i8042 output buffer until empty.
    unsafe {
        let mut n = 0;
        while Port::<u8>::new(STATUS).read() & 1 != 0 && n < 64 {
            Port::<u8>::new(DATA).read();
            n += 1;
        }
    }
    crate::arch::pic::register(1, on_keyboard_irq)?;
    crate::arch::pic::register(4, on_serial_irq)?;
    // Bytes that arrived before the handler existed raised no interrupt we saw.
    on_serial_irq();
    Ok(())
}
