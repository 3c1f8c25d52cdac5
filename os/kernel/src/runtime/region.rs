//! The VM's object memory: a range of kernel virtual space whose pages are
//! mapped on first touch with zeroed frames (through the page-fault hook),
//! so a large object memory costs only the pages the program uses. The
//! persistent store will later page this range in from the newest snapshot
//! instead of zero-filling it.

use alloc::sync::Arc;

use phantom_vm::heap::Region;

use crate::mm::fault::{self, FaultHandler, FaultInfo, FaultResult, RegionId};
use crate::mm::paging::{self, Access};
use crate::mm::{phys, vspace, PAGE_SIZE};

/// Maps a zeroed frame at the faulting page of the object memory.
struct ZeroFill;

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
        FaultResult::Resolved
    }
}

/// A demand-zero range of kernel virtual space holding the VM's cells.
pub struct KernelRegion {
    base: u64,
    pages: u64,
    id: RegionId,
}

impl KernelRegion {
    /// Reserves `bytes` (rounded up to pages) of kernel virtual space.
    pub fn reserve(bytes: u64) -> Result<KernelRegion, &'static str> {
        let pages = bytes.div_ceil(PAGE_SIZE).max(1);
        let base = vspace::alloc(pages, 2 << 20).map_err(|_| "kernel virtual space exhausted")?;
        let id = match fault::register(base, base + pages * PAGE_SIZE, Arc::new(ZeroFill)) {
            Ok(id) => id,
            Err(e) => {
                let _ = vspace::free(base, pages);
                return Err(e);
            }
        };
        Ok(KernelRegion { base, pages, id })
    }
}

impl Drop for KernelRegion {
    fn drop(&mut self) {
        let _ = fault::unregister(self.id);
        for i in 0..self.pages {
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
