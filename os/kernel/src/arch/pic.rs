//! Legacy 8259 PIC pair (remapped to vectors 32..48), the 8254 PIT as the
//! periodic timer, and the table of IRQ handlers.

use x86_64::instructions::port::Port;

use super::idt::IRQ_BASE;
use crate::sync::spin::SpinLock;

const PIC1_CMD: u16 = 0x20;
const PIC1_DATA: u16 = 0x21;
const PIC2_CMD: u16 = 0xa0;
const PIC2_DATA: u16 = 0xa1;
const EOI: u8 = 0x20;

/// Handler of one IRQ line; runs with interrupts disabled on the IRQ stack.
pub type IrqHandler = fn();

// Hardware layer: one slot per PIC input line.
static HANDLERS: SpinLock<[Option<IrqHandler>; 16]> = SpinLock::new([None; 16]);
static MASK: SpinLock<u16> = SpinLock::new(0xffff);

fn outb(port: u16, v: u8) {
    // SAFETY: PIC/PIT ports; callers follow the devices' programming model.
    unsafe { Port::<u8>::new(port).write(v) };
}

fn inb(port: u16) -> u8 {
    // SAFETY: as above.
    unsafe { Port::<u8>::new(port).read() }
}

/// Remaps both PICs and masks every line.
pub fn init() {
    outb(PIC1_CMD, 0x11); // ICW1: edge triggered, cascade, ICW4 follows
    outb(PIC2_CMD, 0x11);
    outb(PIC1_DATA, IRQ_BASE); // ICW2: vector offsets
    outb(PIC2_DATA, IRQ_BASE + 8);
    outb(PIC1_DATA, 4); // ICW3: slave on IRQ2
    outb(PIC2_DATA, 2);
    outb(PIC1_DATA, 1); // ICW4: 8086 mode
    outb(PIC2_DATA, 1);
    write_mask(!(1 << 2)); // keep the cascade line open
}

fn write_mask(mask: u16) {
    *MASK.lock() = mask;
    outb(PIC1_DATA, mask as u8);
    outb(PIC2_DATA, (mask >> 8) as u8);
}

/// Installs `handler` for `line` and unmasks the line. Fails if the line is taken.
pub fn register(line: u8, handler: IrqHandler) -> Result<(), &'static str> {
    let line = usize::from(line);
    if line >= 16 {
        return Err("IRQ line out of range");
    }
    {
        let mut h = HANDLERS.lock();
        if h[line].is_some() {
            return Err("IRQ line already has a handler");
        }
        h[line] = Some(handler);
    }
    let mask = *MASK.lock() & !(1u16 << line);
    write_mask(mask);
    Ok(())
}

/// Dispatches IRQ `line` and acknowledges it at the PIC.
pub fn handle_irq(line: u8) {
    // Lines 7 and 15 also signal spurious interrupts: no ISR bit, no EOI to that PIC.
    if line == 7 || line == 15 {
        let cmd = if line == 7 { PIC1_CMD } else { PIC2_CMD };
        outb(cmd, 0x0b); // read ISR
        if inb(cmd) & 0x80 == 0 {
            if line == 15 {
                outb(PIC1_CMD, EOI);
            }
            return;
        }
    }
    let handler = HANDLERS.lock()[usize::from(line)];
    match handler {
        Some(h) => h(),
        None => crate::warn!("irq", "IRQ {} with no handler", line),
    }
    if line >= 8 {
        outb(PIC2_CMD, EOI);
    }
    outb(PIC1_CMD, EOI);
}

/// PIT input clock in Hz.
const PIT_HZ: u32 = 1_193_182;

/// Starts PIT channel 0 as a rate generator at `hz` on IRQ 0.
pub fn start_timer(hz: u32, handler: IrqHandler) -> Result<(), &'static str> {
    let divisor = (PIT_HZ / hz).clamp(1, 0xffff) as u16;
    outb(0x43, 0x34); // channel 0, lo/hi byte, mode 2
    outb(0x40, divisor as u8);
    outb(0x40, (divisor >> 8) as u8);
    register(0, handler)
}
