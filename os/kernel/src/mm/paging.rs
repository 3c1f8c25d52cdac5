//! The kernel's own 4-level page tables. Physical memory below 4 GiB is
//! identity-mapped with 2 MiB pages (page 0 is left unmapped to catch null
//! pointers); the kernel virtual space above `KERNEL_SPACE_START` uses 4 KiB
//! pages, which is where the heap lives and where the pager will map objects.

use core::sync::atomic::{AtomicU64, Ordering};
use x86_64::instructions::tlb;
use x86_64::registers::control::{Cr3, Cr3Flags};
use x86_64::structures::paging::PhysFrame;
use x86_64::{PhysAddr, VirtAddr};

use super::{phys, PAGE_SIZE};
use crate::sync::spin::SpinLock;

/// Start of the kernel virtual space (one PML4 slot, 512 GiB).
pub const KERNEL_SPACE_START: u64 = 0xffff_8000_0000_0000;
/// End (exclusive) of the kernel virtual space.
pub const KERNEL_SPACE_END: u64 = KERNEL_SPACE_START + (512 << 30);
/// Size of the identity map.
pub const IDENTITY_END: u64 = phys::MAX_PHYS;

const P: u64 = 1;
const W: u64 = 1 << 1;
const PCD: u64 = 1 << 4;
const ACCESSED: u64 = 1 << 5;
const DIRTY: u64 = 1 << 6;
const HUGE: u64 = 1 << 7;
const NX: u64 = 1 << 63;
const ADDR: u64 = 0x000f_ffff_ffff_f000;

/// Access rights of a mapping (every mapping is readable).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Access {
    /// Writes allowed.
    pub write: bool,
    /// Instruction fetches allowed.
    pub exec: bool,
    /// Caching disabled (device memory).
    pub uncached: bool,
}

impl Access {
    /// Read-only data.
    pub const RO: Access = Access {
        write: false,
        exec: false,
        uncached: false,
    };
    /// Read-write data.
    pub const RW: Access = Access {
        write: true,
        exec: false,
        uncached: false,
    };
    /// Read-only code (the JIT's output).
    pub const RX: Access = Access {
        write: false,
        exec: true,
        uncached: false,
    };

    fn bits(self) -> u64 {
        P | if self.write { W } else { 0 }
            | if self.exec { 0 } else { NX }
            | if self.uncached { PCD } else { 0 }
    }

    fn from_bits(e: u64) -> Access {
        Access {
            write: e & W != 0,
            exec: e & NX == 0,
            uncached: e & PCD != 0,
        }
    }
}

/// Why a page table operation failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapError {
    /// The address is not page-aligned or outside the kernel virtual space.
    BadAddress,
    /// The page is already mapped.
    AlreadyMapped,
    /// The page is not mapped.
    NotMapped,
    /// No physical memory for a page table.
    OutOfMemory,
}

static PML4: AtomicU64 = AtomicU64::new(0);
static LOCK: SpinLock<()> = SpinLock::new(());

fn table(phys: u64) -> &'static mut [u64; 512] {
    // SAFETY: page tables live in identity-mapped frames owned by this module;
    // callers hold LOCK (or only read, on the panic path).
    unsafe { &mut *(phys as *mut [u64; 512]) }
}

fn new_table() -> Result<u64, MapError> {
    phys::alloc_zeroed().ok_or(MapError::OutOfMemory)
}

/// Builds the kernel page tables and switches CR3 to them.
pub fn init() -> Result<(), MapError> {
    let pml4 = new_table()?;
    let pdpt = new_table()?;
    table(pml4)[0] = pdpt | P | W;
    for i in 0..(IDENTITY_END >> 30) {
        let pd = new_table()?;
        table(pdpt)[i as usize] = pd | P | W;
        for j in 0..512u64 {
            table(pd)[j as usize] = ((i << 30) + (j << 21)) | P | W | HUGE;
        }
    }
    // Split the first 2 MiB into small pages and leave page 0 unmapped.
    let pt = new_table()?;
    for j in 1..512u64 {
        table(pt)[j as usize] = (j * PAGE_SIZE) | P | W;
    }
    let pd0 = table(pdpt)[0] & ADDR;
    table(pd0)[0] = pt | P | W;
    // Pre-create the kernel space's PDPT so its PML4 slot never changes.
    table(pml4)[256] = new_table()? | P | W;
    PML4.store(pml4, Ordering::SeqCst);
    // SAFETY: the new tables map everything the kernel uses at the same addresses.
    unsafe {
        Cr3::write(
            PhysFrame::containing_address(PhysAddr::new(pml4)),
            Cr3Flags::empty(),
        );
    }
    Ok(())
}

fn indices(va: u64) -> [usize; 4] {
    [
        (va >> 39) as usize & 511,
        (va >> 30) as usize & 511,
        (va >> 21) as usize & 511,
        (va >> 12) as usize & 511,
    ]
}

/// Finds the leaf entry for a small page of kernel space, creating tables if asked.
fn leaf(va: u64, create: bool) -> Result<&'static mut u64, MapError> {
    if !(KERNEL_SPACE_START..KERNEL_SPACE_END).contains(&va) || !va.is_multiple_of(PAGE_SIZE) {
        return Err(MapError::BadAddress);
    }
    let idx = indices(va);
    let mut t = PML4.load(Ordering::Relaxed);
    for &i in &idx[..3] {
        let e = &mut table(t)[i];
        if *e & P == 0 {
            if !create {
                return Err(MapError::NotMapped);
            }
            *e = new_table()? | P | W;
        }
        t = *e & ADDR;
    }
    Ok(&mut table(t)[idx[3]])
}

/// Maps the small page at `va` to frame `pa` with `access`.
pub fn map(va: u64, pa: u64, access: Access) -> Result<(), MapError> {
    if !pa.is_multiple_of(PAGE_SIZE) {
        return Err(MapError::BadAddress);
    }
    let _g = LOCK.lock();
    let e = leaf(va, true)?;
    if *e & P != 0 {
        return Err(MapError::AlreadyMapped);
    }
    *e = pa | access.bits();
    Ok(())
}

/// Unmaps the page at `va` and returns the frame it mapped.
pub fn unmap(va: u64) -> Result<u64, MapError> {
    let _g = LOCK.lock();
    let e = leaf(va, false)?;
    if *e & P == 0 {
        return Err(MapError::NotMapped);
    }
    let pa = *e & ADDR;
    *e = 0;
    tlb::flush(VirtAddr::new(va));
    Ok(pa)
}

/// Changes the access rights of the mapped page at `va`.
pub fn protect(va: u64, access: Access) -> Result<(), MapError> {
    let _g = LOCK.lock();
    let e = leaf(va, false)?;
    if *e & P == 0 {
        return Err(MapError::NotMapped);
    }
    *e = (*e & (ADDR | ACCESSED | DIRTY)) | access.bits();
    tlb::flush(VirtAddr::new(va));
    Ok(())
}

/// Returns and clears the page's dirty bit (for the pager's write-back).
pub fn take_dirty(va: u64) -> Result<bool, MapError> {
    let _g = LOCK.lock();
    let e = leaf(va, false)?;
    if *e & P == 0 {
        return Err(MapError::NotMapped);
    }
    let dirty = *e & DIRTY != 0;
    *e &= !DIRTY;
    tlb::flush(VirtAddr::new(va));
    Ok(dirty)
}

/// Physical address and access rights of `va`, for any mapped address.
pub fn translate(va: u64) -> Option<(u64, Access)> {
    let pml4 = PML4.load(Ordering::Relaxed);
    if pml4 == 0 {
        // Still on the boot tables: the first 4 GiB are identity-mapped.
        return (va < IDENTITY_END).then_some((va, Access::RW));
    }
    let idx = indices(va);
    let mut t = pml4;
    for (level, &i) in idx.iter().enumerate() {
        let e = table(t)[i];
        if e & P == 0 {
            return None;
        }
        let span = match level {
            1 => 1u64 << 30,
            2 => 1u64 << 21,
            3 => PAGE_SIZE,
            _ => 0,
        };
        if level == 3 || (span > PAGE_SIZE && e & HUGE != 0) {
            return Some((
                (e & ADDR & !(span - 1)) | (va & (span - 1)),
                Access::from_bits(e),
            ));
        }
        t = e & ADDR;
    }
    None
}

/// Whether `va` is mapped (safe to read).
pub fn is_mapped(va: u64) -> bool {
    translate(va).is_some()
}
