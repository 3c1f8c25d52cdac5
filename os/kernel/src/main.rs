//! Phantom OS kernel: boots from Multiboot v1 into 64-bit Rust and provides
//! the services the VM and the pager build on. See docs/kernel.md.

#![no_std]
#![no_main]

extern crate alloc;

mod arch;
mod console;
mod debug;
mod dev;
mod log;
mod mm;
mod multiboot;
mod rt;
mod rtc;
mod runtime;
mod selftest;
mod serial;
mod sync;
mod task;
mod time;
mod vga;

use arch::cpu::{exit_qemu, ExitCode};
use multiboot::{BootInfo, Options, BOOT_MAGIC};

extern "C" {
    static __kernel_start: u8;
    static __kernel_end: u8;
}

/// 64-bit entry point, called by the boot assembly with the loader's info.
#[no_mangle]
pub extern "C" fn kernel_main(mb_info: u32, magic: u32) -> ! {
    serial::init();
    if magic != BOOT_MAGIC {
        kprintln!("Phantom kernel: entered Rust");
        error!(
            "boot",
            "not loaded by a Multiboot loader (magic {:#x})", magic
        );
        exit_qemu(ExitCode::Failure);
    }
    // SAFETY: the magic says `mb_info` came from a Multiboot loader.
    let boot = unsafe { BootInfo::new(mb_info) };
    let opts = Options::parse(boot.cmdline());
    if !opts.quiet {
        kprintln!("Phantom kernel: entered Rust");
    }
    if let Some(level) = opts.log_level {
        log::set_max_level(level);
    }
    info!("boot", "command line: {:?}", boot.cmdline());
    if let Err(e) = init(&boot) {
        panic!("kernel initialisation failed: {e}");
    }
    info!("boot", "kernel services up after {} ms", time::uptime_ms());
    if opts.selftest {
        let (passed, failed) = selftest::run();
        exit_qemu(if failed == 0 && passed > 0 {
            ExitCode::Success
        } else {
            ExitCode::Failure
        });
    }
    if runtime::wanted(boot.cmdline()) {
        exit_qemu(runtime::run(boot.cmdline()));
    }
    console::run()
}

fn init(boot: &BootInfo) -> Result<(), &'static str> {
    arch::gdt::init();
    arch::idt::init();
    arch::pic::init();
    info!("arch", "GDT, TSS with IST stacks, IDT, PIC ready");

    // SAFETY: linker-script symbols; only their addresses are used.
    let (kstart, kend) = unsafe {
        (
            &__kernel_start as *const u8 as u64,
            &__kernel_end as *const u8 as u64,
        )
    };
    let mut usable = 0;
    for r in boot.memory_map() {
        debug!(
            "mem",
            "map {:#012x}..{:#012x} {:?}",
            r.base,
            r.base + r.len,
            r.kind
        );
        if r.kind == multiboot::RegionKind::Usable {
            usable += r.len;
        }
    }
    mm::phys::init(boot, &[(kstart, kend), boot.range(), boot.cmdline_range()]);
    let ps = mm::phys::stats();
    info!(
        "mem",
        "{} MiB usable, {} free frames; kernel image {:#x}..{:#x}",
        usable >> 20,
        ps.free,
        kstart,
        kend
    );
    mm::paging::init().map_err(|_| "building the kernel page tables")?;
    mm::vspace::init();
    mm::heap::init(1 << 20)?;
    info!("mem", "own page tables loaded, heap at kernel space");

    task::sched::init()?;
    task::timer::init();
    time::init()?;
    arch::cpu::irq_enable();
    task::softint::init()?;
    task::dpc::init()?;
    info!(
        "task",
        "scheduler, timer ({} Hz), soft interrupts and DPC thread running",
        time::HZ
    );
    dev::keyboard::init()?;
    let pci = dev::pci::enumerate(7);
    for p in &pci {
        debug!(
            "pci",
            "{:02x}:{:02x}.{} {:04x}:{:04x} class {:02x}.{:02x} irq {}",
            p.bus,
            p.dev,
            p.func,
            p.vendor,
            p.device,
            p.class.0,
            p.class.1,
            p.irq
        );
    }
    info!("pci", "{} functions found", pci.len());
    if dev::virtio_blk::probe(&pci).is_empty() {
        warn!("disk", "no virtio-blk disk");
    }
    Ok(())
}
