//! The VM's object memory: a range of kernel virtual space whose pages are
//! mapped on first touch with zeroed frames (through the page-fault hook),
//! so a large object memory costs only the pages the program uses. A
//! continued program's pages are loaded from its snapshot before it runs
//! ([`PageRange::fill`]); the pages written since the last snapshot are
//! found by the page tables' dirty bits ([`PageRange::take_dirty`]).

use alloc::boxed::Box;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicU64, Ordering};

use phantom_vm::heap::Region;

use crate::mm::fault::{self, FaultHandler, FaultInfo, FaultResult, RegionId};
use crate::mm::paging::{self, Access};
use crate::mm::{phys, vspace, PAGE_SIZE};

/// Maps a zeroed frame at the faulting page of the object memory.
struct ZeroFill {
    base: u64,
    /// One past the highest page index ever mapped.
    high: Arc<AtomicU64>,
}

impl FaultHandler for ZeroFill {
    fn on_fault(&self, info: &FaultInfo) -> FaultResult {
        if info.present || info.exec {
            // Pages are mapped read-write and never protected here: a
            // protection or instruction fault is a kernel bug.
            return FaultResult::Unhandled;
        }
        let page = info.addr & !(PAGE_SIZE - 1);
        let Some(frame) = phys::alloc_zeroed() else {
            crate::error!(
                "vm",
                "out of physical memory mapping object memory page {page:#x}"
            );
            return FaultResult::Unhandled;
        };
        if paging::map(page, frame, Access::RW).is_err() {
            let _ = phys::free(frame);
            return FaultResult::Unhandled;
        }
        self.high
            .fetch_max((page - self.base) / PAGE_SIZE + 1, Ordering::SeqCst);
        FaultResult::Resolved
    }
}

/// The object memory's pages, for the snapshot code: valid while the VM
/// that owns the [`KernelRegion`] exists, and used only while the VM is
/// stopped (its lock held) or not yet running.
#[derive(Clone)]
pub struct PageRange {
    base: u64,
    pages: u64,
    high: Arc<AtomicU64>,
}

impl PageRange {
    /// Maps page `index` with a copy of `data` (a snapshot's page), without
    /// setting its dirty bit: it equals the snapshot.
    pub fn fill(&self, index: u64, data: &[u8; PAGE_SIZE as usize]) -> Result<(), &'static str> {
        if index >= self.pages {
            return Err("snapshot page beyond the object memory");
        }
        let frame = phys::alloc().ok_or("out of physical memory loading the snapshot")?;
        // SAFETY: the frame is ours and identity-mapped; writing it through
        // the identity map leaves the object memory's page entry clean.
        unsafe {
            core::ptr::copy_nonoverlapping(data.as_ptr(), frame as *mut u8, data.len());
        }
        if paging::map(self.base + index * PAGE_SIZE, frame, Access::RW).is_err() {
            let _ = phys::free(frame);
            return Err("object memory page mapped twice");
        }
        self.high.fetch_max(index + 1, Ordering::SeqCst);
        Ok(())
    }

    /// Copies of the pages written since the last call (and of the pages in
    /// `also`), clearing their dirty bits; `(index, contents)` in index order.
    pub fn take_dirty(&self, also: &[u64]) -> Vec<(u64, Box<[u8; PAGE_SIZE as usize]>)> {
        let high = self.high.load(Ordering::SeqCst);
        let mut out = Vec::new();
        let mut extra = also.iter().copied().peekable();
        for i in 0..high {
            let va = self.base + i * PAGE_SIZE;
            let dirty = paging::take_dirty(va).unwrap_or(false);
            let again = extra.next_if_eq(&i).is_some();
            if (dirty || again) && paging::is_mapped(va) {
                let mut page = Box::new([0u8; PAGE_SIZE as usize]);
                // SAFETY: the page is mapped and the VM is stopped.
                unsafe {
                    core::ptr::copy_nonoverlapping(va as *const u8, page.as_mut_ptr(), page.len());
                }
                out.push((i, page));
            }
        }
        out
    }
}

/// A demand-zero range of kernel virtual space holding the VM's cells.
pub struct KernelRegion {
    base: u64,
    pages: u64,
    id: RegionId,
    high: Arc<AtomicU64>,
}

impl KernelRegion {
    /// Reserves `bytes` (rounded up to pages) of kernel virtual space.
    pub fn reserve(bytes: u64) -> Result<KernelRegion, &'static str> {
        let pages = bytes.div_ceil(PAGE_SIZE).max(1);
        let base = vspace::alloc(pages, 2 << 20).map_err(|_| "kernel virtual space exhausted")?;
        let high = Arc::new(AtomicU64::new(0));
        let handler = Arc::new(ZeroFill {
            base,
            high: high.clone(),
        });
        let id = match fault::register(base, base + pages * PAGE_SIZE, handler) {
            Ok(id) => id,
            Err(e) => {
                let _ = vspace::free(base, pages);
                return Err(e);
            }
        };
        Ok(KernelRegion {
            base,
            pages,
            id,
            high,
        })
    }

    /// The pages, for loading and taking snapshots.
    pub fn pages(&self) -> PageRange {
        PageRange {
            base: self.base,
            pages: self.pages,
            high: self.high.clone(),
        }
    }
}

impl Drop for KernelRegion {
    fn drop(&mut self) {
        let _ = fault::unregister(self.id);
        for i in 0..self.high.load(Ordering::SeqCst) {
            let va = self.base + i * PAGE_SIZE;
            if paging::is_mapped(va) {
                if let Ok(frame) = paging::unmap(va) {
                    let _ = phys::free(frame);
                }
            }
        }
        let _ = vspace::free(self.base, self.pages);
    }
}

impl Region for KernelRegion {
    fn base(&mut self) -> *mut u32 {
        self.base as *mut u32
    }

    fn cells(&self) -> usize {
        (self.pages * PAGE_SIZE / 4) as usize
    }
}
