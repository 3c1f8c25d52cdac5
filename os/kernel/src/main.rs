//! Phantom OS kernel: boots from Multiboot v1 into 64-bit Rust and provides
//! the services the VM and the pager build on. See docs/kernel.md.

#![no_std]
#![no_main]

mod arch;
mod log;
mod multiboot;
mod rt;
mod serial;
mod sync;
mod time;

use multiboot::{BootInfo, Options, BOOT_MAGIC};

/// 64-bit entry point, called by the boot assembly with the loader's info.
#[no_mangle]
pub extern "C" fn kernel_main(mb_info: u32, magic: u32) -> ! {
    serial::init();
    kprintln!("Phantom kernel: entered Rust");
    if magic != BOOT_MAGIC {
        error!(
            "boot",
            "not loaded by a Multiboot loader (magic {:#x})", magic
        );
        arch::cpu::exit_qemu(arch::cpu::ExitCode::Failure);
    }
    // SAFETY: the magic says `mb_info` came from a Multiboot loader.
    let boot = unsafe { BootInfo::new(mb_info) };
    let opts = Options::parse(boot.cmdline());
    info!("boot", "command line: {:?}", boot.cmdline());
    for r in boot.memory_map() {
        info!(
            "boot",
            "memory {:#012x}..{:#012x} {:?}",
            r.base,
            r.base + r.len,
            r.kind
        );
    }
    let _ = opts;
    arch::cpu::exit_qemu(arch::cpu::ExitCode::Success);
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo<'_>) -> ! {
    serial::print_emergency(format_args!("KERNEL PANIC: {}\n", info));
    arch::cpu::exit_qemu(arch::cpu::ExitCode::Failure);
}
