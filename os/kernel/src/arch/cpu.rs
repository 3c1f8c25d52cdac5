//! Small CPU helpers: interrupt flag control, halting, QEMU's exit device.

use core::arch::asm;
use x86_64::instructions::port::Port;

/// RFLAGS.IF.
const IF_FLAG: u64 = 1 << 9;

/// Interrupt state saved by [`irq_save`], restored by [`irq_restore`].
#[derive(Clone, Copy, Debug)]
#[must_use]
pub struct IrqState(bool);

/// Disables interrupts and returns whether they were enabled.
#[inline]
pub fn irq_save() -> IrqState {
    let flags: u64;
    // SAFETY: reading RFLAGS and clearing IF has no memory effects.
    unsafe { asm!("pushfq", "pop {}", "cli", out(reg) flags, options(preserves_flags)) };
    IrqState(flags & IF_FLAG != 0)
}

/// Restores the interrupt state returned by [`irq_save`].
#[inline]
pub fn irq_restore(state: IrqState) {
    if state.0 {
        // SAFETY: re-enabling interrupts that were enabled before irq_save.
        unsafe { asm!("sti", options(nomem, nostack)) };
    }
}

/// Whether interrupts are currently enabled.
#[inline]
pub fn irq_enabled() -> bool {
    x86_64::instructions::interrupts::are_enabled()
}

/// Enables interrupts.
#[inline]
pub fn irq_enable() {
    x86_64::instructions::interrupts::enable();
}

/// Waits for the next interrupt with interrupts enabled.
#[inline]
pub fn halt() {
    x86_64::instructions::interrupts::enable_and_hlt();
}

/// Current frame pointer (for backtraces; the kernel keeps frame pointers).
#[inline(always)]
pub fn frame_pointer() -> u64 {
    let rbp: u64;
    // SAFETY: reads a register.
    unsafe { asm!("mov {}, rbp", out(reg) rbp, options(nomem, nostack, preserves_flags)) };
    rbp
}

/// Current stack pointer.
#[inline(always)]
pub fn stack_pointer() -> u64 {
    let rsp: u64;
    // SAFETY: reads a register.
    unsafe { asm!("mov {}, rsp", out(reg) rsp, options(nomem, nostack, preserves_flags)) };
    rsp
}

/// Exit codes written to QEMU's isa-debug-exit device; QEMU exits with `(code << 1) | 1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum ExitCode {
    /// QEMU exit status 33.
    Success = 0x10,
    /// QEMU exit status 35.
    Failure = 0x11,
    /// QEMU exit status 65: every Phantom program ended normally.
    ProgramsEnded = 0x20,
    /// QEMU exit status 67: a program ended with an uncaught exception.
    ProgramFailed = 0x21,
    /// QEMU exit status 69: a program could not be started (no boot
    /// archive, unknown class, load error).
    ProgramNotStarted = 0x22,
    /// QEMU exit status 71: the program was stopped by Ctrl-C (after a
    /// last snapshot, if it has an object store).
    ProgramStopped = 0x23,
}

/// Ends the QEMU run with `code`; without the exit device, halts forever.
pub fn exit_qemu(code: ExitCode) -> ! {
    // SAFETY: port 0xf4 is QEMU's isa-debug-exit device (xtask adds it); on
    // other machines the write is ignored and we halt below.
    unsafe { Port::<u32>::new(0xf4).write(code as u32) };
    loop {
        let _ = irq_save();
        x86_64::instructions::hlt();
    }
}
