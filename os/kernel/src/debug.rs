//! Panic handler and frame-pointer backtraces (the kernel is built with
//! `-Cforce-frame-pointers=yes`; `cargo xtask test` symbolizes the addresses).

use crate::serial::print_emergency as p;

/// Prints return addresses by following the rbp chain from `rbp`.
pub fn backtrace(mut rbp: u64, first: Option<u64>) {
    p(format_args!("    backtrace:\n"));
    let mut n = 0;
    if let Some(rip) = first {
        p(format_args!("      bt #{n}: {rip:#018x}\n"));
        n += 1;
    }
    while n < 32 {
        if rbp == 0
            || !rbp.is_multiple_of(8)
            || !crate::mm::paging::is_mapped(rbp)
            || !crate::mm::paging::is_mapped(rbp + 8)
        {
            break;
        }
        // SAFETY: both words were just checked to be mapped.
        let (next, ret) = unsafe { (*(rbp as *const u64), *((rbp + 8) as *const u64)) };
        if ret == 0 {
            break;
        }
        // ret - 1 lies inside the call instruction, so symbolizers name the call site.
        p(format_args!("      bt #{n}: {:#018x}\n", ret - 1));
        n += 1;
        if next <= rbp {
            break;
        }
        rbp = next;
    }
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo<'_>) -> ! {
    let _ = crate::arch::cpu::irq_save();
    p(format_args!(
        "\n*** KERNEL PANIC in thread {}: {}\n",
        crate::task::sched::current_name(),
        info
    ));
    let rsp = crate::arch::cpu::stack_pointer();
    let rbp = crate::arch::cpu::frame_pointer();
    p(format_args!("    rsp {rsp:#018x} rbp {rbp:#018x}\n"));
    let (cr0, cr2, cr3, cr4): (u64, u64, u64, u64);
    // SAFETY: reading control registers has no side effects.
    unsafe {
        core::arch::asm!("mov {}, cr0", "mov {}, cr2", "mov {}, cr3", "mov {}, cr4",
            out(reg) cr0, out(reg) cr2, out(reg) cr3, out(reg) cr4, options(nomem, nostack, preserves_flags));
    }
    p(format_args!(
        "    cr0 {cr0:#x} cr2 {cr2:#x} cr3 {cr3:#x} cr4 {cr4:#x}\n"
    ));
    backtrace(rbp, None);
    crate::arch::cpu::exit_qemu(crate::arch::cpu::ExitCode::Failure);
}
