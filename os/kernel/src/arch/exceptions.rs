//! CPU exceptions: page faults go to the memory manager (and through it to
//! the pager's hook); anything unhandled prints a register dump and a
//! backtrace, then ends the QEMU run with the failure code.

use core::sync::atomic::{AtomicBool, Ordering};

use super::idt::TrapFrame;
use crate::debug::backtrace;
use crate::serial::print_emergency as p;

const NAMES: [&str; 32] = [
    "divide error",
    "debug",
    "NMI",
    "breakpoint",
    "overflow",
    "bound range",
    "invalid opcode",
    "device not available",
    "double fault",
    "coprocessor overrun",
    "invalid TSS",
    "segment not present",
    "stack fault",
    "general protection",
    "page fault",
    "reserved",
    "x87 FP error",
    "alignment check",
    "machine check",
    "SIMD FP error",
    "virtualization",
    "control protection",
    "reserved",
    "reserved",
    "reserved",
    "reserved",
    "reserved",
    "reserved",
    "hypervisor injection",
    "VMM communication",
    "security",
    "reserved",
];

static DYING: AtomicBool = AtomicBool::new(false);

/// Handles exception `frame.vector`; returns only if it was resolved.
pub fn handle(frame: &mut TrapFrame) {
    if frame.vector == 14 && !DYING.load(Ordering::Relaxed) {
        let cr2 = x86_64::registers::control::Cr2::read_raw();
        if crate::mm::fault::handle(cr2, frame) {
            return;
        }
    }
    fatal(frame);
}

/// Prints everything known about the exception and exits QEMU with failure.
fn fatal(frame: &TrapFrame) -> ! {
    if DYING.swap(true, Ordering::SeqCst) {
        p(format_args!(
            "\nnested fatal exception {} at {:#x}; halting\n",
            frame.vector, frame.rip
        ));
        super::cpu::exit_qemu(super::cpu::ExitCode::Failure);
    }
    let name = NAMES.get(frame.vector as usize).copied().unwrap_or("?");
    p(format_args!(
        "\n*** KERNEL EXCEPTION {} ({}) error code {:#x}\n",
        frame.vector, name, frame.error
    ));
    if frame.vector == 14 {
        let cr2 = x86_64::registers::control::Cr2::read_raw();
        p(format_args!(
            "    fault address {:#018x} ({}, {})\n",
            cr2,
            if frame.error & 2 != 0 {
                "write"
            } else {
                "read"
            },
            if frame.error & 1 != 0 {
                "protection violation"
            } else {
                "not present"
            }
        ));
    }
    dump_frame(frame);
    p(format_args!(
        "    thread: {}\n",
        crate::task::sched::current_name()
    ));
    backtrace(frame.rbp, Some(frame.rip));
    super::cpu::exit_qemu(super::cpu::ExitCode::Failure);
}

/// Prints the saved registers of `f`.
pub fn dump_frame(f: &TrapFrame) {
    let cr3 = x86_64::registers::control::Cr3::read_raw()
        .0
        .start_address()
        .as_u64();
    p(format_args!(
        "    rip {:#018x} cs {:#x} rflags {:#x}\n",
        f.rip, f.cs, f.rflags
    ));
    p(format_args!(
        "    rsp {:#018x} ss {:#x} cr3 {:#x}\n",
        f.rsp, f.ss, cr3
    ));
    p(format_args!(
        "    rax {:#018x} rbx {:#018x} rcx {:#018x} rdx {:#018x}\n",
        f.rax, f.rbx, f.rcx, f.rdx
    ));
    p(format_args!(
        "    rsi {:#018x} rdi {:#018x} rbp {:#018x} r8  {:#018x}\n",
        f.rsi, f.rdi, f.rbp, f.r8
    ));
    p(format_args!(
        "    r9  {:#018x} r10 {:#018x} r11 {:#018x} r12 {:#018x}\n",
        f.r9, f.r10, f.r11, f.r12
    ));
    p(format_args!(
        "    r13 {:#018x} r14 {:#018x} r15 {:#018x}\n",
        f.r13, f.r14, f.r15
    ));
}
