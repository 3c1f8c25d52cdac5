//! GDT with a TSS whose interrupt stack table gives every interrupt and
//! exception its own stack: the precompiled core uses the red zone, which an
//! interrupt pushing onto the interrupted stack would clobber.

use core::ptr::addr_of_mut;
use x86_64::instructions::segmentation::{Segment, CS, DS, ES, SS};
use x86_64::instructions::tables::load_tss;
use x86_64::structures::gdt::{Descriptor, GlobalDescriptorTable, SegmentSelector};
use x86_64::structures::tss::TaskStateSegment;
use x86_64::VirtAddr;

/// IST slot (1-based, as the IDT encodes it) for hardware IRQs and the yield trap.
pub const IST_IRQ: u8 = 1;
/// IST slot for CPU exceptions other than the ones below.
pub const IST_EXCEPTION: u8 = 2;
/// IST slot for double faults, so a fault on a broken stack can still report.
pub const IST_DOUBLE_FAULT: u8 = 3;
/// IST slot for NMI and machine checks, which can arrive inside any handler.
pub const IST_NMI: u8 = 4;

const IST_SIZE: usize = 64 * 1024;

#[repr(C, align(16))]
struct Stack([u8; IST_SIZE]);

// Hardware layer: the CPU reads these tables and stacks; they are written
// once in `init` before interrupts are enabled.
static mut STACKS: [Stack; 4] = [const { Stack([0; IST_SIZE]) }; 4];
static mut TSS: TaskStateSegment = TaskStateSegment::new();
static mut GDT: GlobalDescriptorTable = GlobalDescriptorTable::new();

/// Kernel code selector.
pub const KERNEL_CS: u16 = 0x08;
/// Kernel data/stack selector.
pub const KERNEL_DS: u16 = 0x10;

/// Address range of IST stack `slot` (1-based), for stack-overflow diagnosis.
pub fn ist_range(slot: u8) -> (u64, u64) {
    // SAFETY: taking the address only.
    let base = unsafe { addr_of_mut!(STACKS[(slot - 1) as usize]) } as u64;
    (base, base + IST_SIZE as u64)
}

/// Loads the GDT and TSS and reloads the segment registers.
pub fn init() {
    // SAFETY: runs once on the boot CPU with interrupts disabled; the
    // statics are never written again.
    unsafe {
        let tss = &mut *addr_of_mut!(TSS);
        for slot in 1..=4u8 {
            let (_, top) = ist_range(slot);
            tss.interrupt_stack_table[(slot - 1) as usize] = VirtAddr::new(top);
        }
        let gdt = &mut *addr_of_mut!(GDT);
        let code = gdt.append(Descriptor::kernel_code_segment());
        let data = gdt.append(Descriptor::kernel_data_segment());
        let tss_sel = gdt.append(Descriptor::tss_segment(&*addr_of_mut!(TSS)));
        debug_assert_eq!(code.0, KERNEL_CS);
        debug_assert_eq!(data.0, KERNEL_DS);
        gdt.load();
        CS::set_reg(code);
        SS::set_reg(data);
        DS::set_reg(data);
        ES::set_reg(data);
        load_tss(tss_sel);
        let _ = SegmentSelector(0);
    }
}
