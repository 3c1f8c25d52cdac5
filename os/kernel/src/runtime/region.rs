//! The VM's object memory: a range of kernel virtual space whose pages are
//! mapped on first touch with zeroed frames (through the page-fault hook),
//! so a large object memory costs only the pages the program uses. A
//! continued program's pages are loaded from its snapshot before it runs
//! ([`PageRange::fill`]); the pages written since the last snapshot are
//! found by the page tables' dirty bits and write-protected at a snapshot's
//! instant ([`PageRange::protect_dirty`]); while the snapshot is written,
//! the first write to such a page copies it aside in the fault handler
//! (copy-on-write), so the writer reads each page as the instant left it
//! ([`PageRange::take_page`]).

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicU64, Ordering};

use crate::sync::spin::SpinLock;

use phantom_vm::heap::Region;

use crate::mm::fault::{self, FaultHandler, FaultInfo, FaultResult, RegionId};
use crate::mm::paging::{self, Access};
use crate::mm::{phys, vspace, PAGE_SIZE};

/// Pages of the snapshot being written: write-protected at the instant;
/// `Some(frame)` holds the page's contents at the instant once the program
/// has written it (the frame is the copy, the page itself is writable).
type Pending = SpinLock<BTreeMap<u64, Option<u64>>>;

/// The object memory's fault handler: maps a zeroed frame on first touch,
/// and copies a write-protected page of the snapshot being written aside
/// before the program's first write to it.
struct ObjectPages {
    base: u64,
    /// One past the highest page index ever mapped.
    high: Arc<AtomicU64>,
    pending: Arc<Pending>,
}

impl ObjectPages {
    fn copy_on_write(&self, page: u64) -> FaultResult {
        let index = (page - self.base) / PAGE_SIZE;
        let mut pending = self.pending.lock();
        let Some(slot) = pending.get_mut(&index) else {
            return FaultResult::Unhandled;
        };
        if slot.is_none() {
            // Frames, not the heap: this runs in the exception handler.
            let Some(frame) = phys::alloc() else {
                crate::error!("vm", "out of physical memory copying page {index} aside");
                return FaultResult::Unhandled;
            };
            // SAFETY: the page is mapped (read-only) and the frame is ours,
            // identity-mapped; nothing else runs (interrupts are off).
            unsafe {
                core::ptr::copy_nonoverlapping(
                    page as *const u8,
                    frame as *mut u8,
                    PAGE_SIZE as usize,
                );
            }
            *slot = Some(frame);
        }
        if paging::protect(page, Access::RW).is_err() {
            return FaultResult::Unhandled;
        }
        FaultResult::Resolved
    }
}

impl FaultHandler for ObjectPages {
    fn on_fault(&self, info: &FaultInfo) -> FaultResult {
        let page = info.addr & !(PAGE_SIZE - 1);
        if info.exec {
            return FaultResult::Unhandled;
        }
        if info.present {
            // Only pages of a snapshot being written are protected.
            return if info.write {
                self.copy_on_write(page)
            } else {
                FaultResult::Unhandled
            };
        }
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
    pending: Arc<Pending>,
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

    /// The snapshot's instant (the VM stopped): the pages written since
    /// the last instant, and those in `also` (sorted), are write-protected
    /// and become the pages of the snapshot to write; their indices, in
    /// order. Each must then be passed to [`take_page`](Self::take_page).
    pub fn protect_dirty(&self, also: &[u64]) -> Vec<u64> {
        let high = self.high.load(Ordering::SeqCst);
        let mut out = Vec::new();
        let mut extra = also.iter().copied().peekable();
        let mut pending = self.pending.lock();
        for i in 0..high {
            let va = self.base + i * PAGE_SIZE;
            let dirty = paging::take_dirty(va).unwrap_or(false);
            let again = extra.next_if_eq(&i).is_some();
            if (dirty || again) && paging::protect(va, Access::RO).is_ok() {
                pending.insert(i, None);
                out.push(i);
            }
        }
        out
    }

    /// Page `index` as the last instant left it, and the page writable
    /// again (while the program runs: the copy made by the fault handler if
    /// the program wrote it meanwhile, else the page itself, still
    /// unchanged).
    pub fn take_page(&self, index: u64) -> Box<[u8; PAGE_SIZE as usize]> {
        let mut out = Box::new([0u8; PAGE_SIZE as usize]);
        let va = self.base + index * PAGE_SIZE;
        // The lock keeps interrupts off: the program cannot write the page
        // between the copy and the unprotect.
        let mut pending = self.pending.lock();
        let from = match pending.remove(&index) {
            Some(Some(frame)) => frame,
            _ => va,
        };
        // SAFETY: `from` is the aside frame (identity-mapped, ours) or the
        // mapped, write-protected page; nothing writes either meanwhile.
        unsafe {
            core::ptr::copy_nonoverlapping(from as *const u8, out.as_mut_ptr(), out.len());
        }
        if from != va {
            let _ = phys::free(from);
        } else {
            // Unprotect without marking it written: the dirty bit stays clear.
            let _ = paging::protect(va, Access::RW);
        }
        drop(pending);
        out
    }
}

/// A demand-zero range of kernel virtual space holding the VM's cells.
pub struct KernelRegion {
    base: u64,
    pages: u64,
    id: RegionId,
    high: Arc<AtomicU64>,
    pending: Arc<Pending>,
}

impl KernelRegion {
    /// Reserves `bytes` (rounded up to pages) of kernel virtual space.
    pub fn reserve(bytes: u64) -> Result<KernelRegion, &'static str> {
        let pages = bytes.div_ceil(PAGE_SIZE).max(1);
        let base = vspace::alloc(pages, 2 << 20).map_err(|_| "kernel virtual space exhausted")?;
        let high = Arc::new(AtomicU64::new(0));
        let pending = Arc::new(SpinLock::new(BTreeMap::new()));
        let handler = Arc::new(ObjectPages {
            base,
            high: high.clone(),
            pending: pending.clone(),
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
            pending,
        })
    }

    /// The pages, for loading and taking snapshots.
    pub fn pages(&self) -> PageRange {
        PageRange {
            base: self.base,
            pages: self.pages,
            high: self.high.clone(),
            pending: self.pending.clone(),
        }
    }
}

impl Drop for KernelRegion {
    fn drop(&mut self) {
        let _ = fault::unregister(self.id);
        for (_, frame) in core::mem::take(&mut *self.pending.lock()) {
            if let Some(f) = frame {
                let _ = phys::free(f);
            }
        }
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
