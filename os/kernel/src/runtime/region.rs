//! The VM's object memory: a range of kernel virtual space whose pages are
//! mapped on first touch with zeroed frames (through the page-fault hook),
//! so a large object memory costs only the pages the program uses. A
//! continued program's pages are loaded from its snapshot on demand: the
//! first touch of a page still in the snapshot parks the thread and asks
//! the loader thread for it ([`Lazy`]), which also loads the rest in the
//! background ([`PageRange::fill`]); the pages written since the last snapshot are
//! found by the page tables' dirty bits and write-protected at a snapshot's
//! instant ([`PageRange::protect_dirty`]); while the snapshot is written,
//! the first write to such a page copies it aside in the fault handler
//! (copy-on-write), so the writer reads each page as the instant left it
//! ([`PageRange::take_page`]).

use alloc::boxed::Box;
use alloc::collections::{BTreeMap, BTreeSet, VecDeque};
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicU64, Ordering};

use crate::sync::spin::SpinLock;
use crate::task::sched::{self, WaitToken};

use phantom_vm::heap::Region;

use crate::mm::fault::{self, FaultHandler, FaultInfo, FaultResult, RegionId};
use crate::mm::paging::{self, Access};
use crate::mm::{phys, vspace, PAGE_SIZE};

/// Pages of the snapshot being written: write-protected at the instant;
/// `Some(frame)` holds the page's contents at the instant once the program
/// has written it (the frame is the copy, the page itself is writable).
type Pending = SpinLock<BTreeMap<u64, Option<u64>>>;

/// Pages of a continued snapshot not loaded yet, and the threads waiting
/// for one: shared by the fault handler and the loader thread
/// (`store::Loader`).
pub struct Lazy {
    /// Pages the snapshot holds that are not mapped yet.
    to_load: SpinLock<BTreeSet<u64>>,
    /// Faults waiting for a page: (page index, parked thread). The loader
    /// never sleeps while pages are left, so it needs no doorbell.
    waiting: SpinLock<VecDeque<(u64, WaitToken)>>,
}

impl Lazy {
    /// The next waiting fault.
    pub fn next_fault(&self) -> Option<(u64, WaitToken)> {
        self.waiting.lock().pop_front()
    }

    /// A page still to load, for the background loading.
    pub fn next_page(&self) -> Option<u64> {
        self.to_load.lock().first().copied()
    }

    /// Pages not loaded yet.
    pub fn remaining(&self) -> usize {
        self.to_load.lock().len()
    }

    /// Whether page `index` is still to load.
    pub fn wanted(&self, index: u64) -> bool {
        self.to_load.lock().contains(&index)
    }
}

/// The object memory's fault handler: maps a zeroed frame on first touch
/// (or parks the thread until a continued snapshot's page is loaded), and
/// copies a write-protected page of the snapshot being written aside
/// before the program's first write to it.
struct ObjectPages {
    base: u64,
    /// One past the highest page index ever mapped.
    high: Arc<AtomicU64>,
    pending: Arc<Pending>,
    lazy: Option<Arc<Lazy>>,
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
        if let Some(lazy) = &self.lazy {
            let index = (page - self.base) / PAGE_SIZE;
            if lazy.to_load.lock().contains(&index) {
                if !info.can_block {
                    crate::error!(
                        "vm",
                        "object memory page {index} touched with interrupts off before it was loaded"
                    );
                    return FaultResult::Unhandled;
                }
                // Park the thread; the loader maps the page and wakes it,
                // and it retries the access.
                let tok = sched::block_prepare(None);
                lazy.waiting.lock().push_back((index, tok));
                sched::request_resched();
                return FaultResult::Resolved;
            }
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

/// The object memory's pages, for the snapshot code and the loader: it
/// keeps the memory mapped as long as it lives (the VM's [`KernelRegion`]
/// may go first), and is used only while the VM is stopped (its lock held),
/// not yet running, or on pages the program cannot touch yet.
#[derive(Clone)]
pub struct PageRange(Arc<Memory>);

impl PageRange {
    /// Maps page `index` with a copy of `data` (a snapshot's page), without
    /// setting its dirty bit: it equals the snapshot. A page the loader
    /// fills is taken off its list in the same step.
    pub fn fill(&self, index: u64, data: &[u8; PAGE_SIZE as usize]) -> Result<(), &'static str> {
        if index >= self.0.pages {
            return Err("snapshot page beyond the object memory");
        }
        // Held across the mapping (interrupts off), so that no fault sees
        // the page listed but mapped, or unlisted but unmapped.
        let mut to_load = self.0.lazy.as_ref().map(|l| l.to_load.lock());
        if let Some(t) = to_load.as_mut() {
            t.remove(&index);
        }
        let frame = phys::alloc().ok_or("out of physical memory loading the snapshot")?;
        // SAFETY: the frame is ours and identity-mapped; writing it through
        // the identity map leaves the object memory's page entry clean.
        unsafe {
            core::ptr::copy_nonoverlapping(data.as_ptr(), frame as *mut u8, data.len());
        }
        if paging::map(self.0.base + index * PAGE_SIZE, frame, Access::RW).is_err() {
            let _ = phys::free(frame);
            return Err("object memory page mapped twice");
        }
        self.0.high.fetch_max(index + 1, Ordering::SeqCst);
        Ok(())
    }

    /// The snapshot's instant (the VM stopped): the pages written since
    /// the last instant, and those in `also` (sorted), are write-protected
    /// and become the pages of the snapshot to write; their indices, in
    /// order. Each must then be passed to [`take_page`](Self::take_page).
    pub fn protect_dirty(&self, also: &[u64]) -> Vec<u64> {
        let high = self.0.high.load(Ordering::SeqCst);
        let mut out = Vec::new();
        let mut extra = also.iter().copied().peekable();
        let mut pending = self.0.pending.lock();
        for i in 0..high {
            let va = self.0.base + i * PAGE_SIZE;
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
        let va = self.0.base + index * PAGE_SIZE;
        // The lock keeps interrupts off: the program cannot write the page
        // between the copy and the unprotect.
        let mut pending = self.0.pending.lock();
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

/// The mapped range itself; unmapped and freed when the last of the VM's
/// region and the [`PageRange`]s goes.
struct Memory {
    base: u64,
    pages: u64,
    id: RegionId,
    high: Arc<AtomicU64>,
    pending: Arc<Pending>,
    lazy: Option<Arc<Lazy>>,
}

/// A demand-zero range of kernel virtual space holding the VM's cells.
pub struct KernelRegion {
    mem: Arc<Memory>,
}

impl KernelRegion {
    /// Reserves `bytes` (rounded up to pages) of kernel virtual space.
    pub fn reserve(bytes: u64) -> Result<KernelRegion, &'static str> {
        Self::reserve_lazy(bytes, BTreeSet::new())
    }

    /// Reserves `bytes` of kernel virtual space whose pages in `to_load`
    /// (a continued snapshot's) are loaded on demand through [`Lazy`].
    pub fn reserve_lazy(bytes: u64, to_load: BTreeSet<u64>) -> Result<KernelRegion, &'static str> {
        let pages = bytes.div_ceil(PAGE_SIZE).max(1);
        let base = vspace::alloc(pages, 2 << 20).map_err(|_| "kernel virtual space exhausted")?;
        let high = Arc::new(AtomicU64::new(0));
        let pending = Arc::new(SpinLock::new(BTreeMap::new()));
        if let Some(&last) = to_load.last() {
            high.store(last + 1, Ordering::SeqCst);
        }
        let lazy = (!to_load.is_empty()).then(|| {
            Arc::new(Lazy {
                to_load: SpinLock::new(to_load),
                waiting: SpinLock::new(VecDeque::new()),
            })
        });
        let handler = Arc::new(ObjectPages {
            base,
            high: high.clone(),
            pending: pending.clone(),
            lazy: lazy.clone(),
        });
        let id = match fault::register(base, base + pages * PAGE_SIZE, handler) {
            Ok(id) => id,
            Err(e) => {
                let _ = vspace::free(base, pages);
                return Err(e);
            }
        };
        Ok(KernelRegion {
            mem: Arc::new(Memory {
                base,
                pages,
                id,
                high,
                pending,
                lazy,
            }),
        })
    }

    /// The pages, for loading and taking snapshots.
    pub fn pages(&self) -> PageRange {
        PageRange(self.mem.clone())
    }

    /// The pages still to load from a continued snapshot, if any.
    pub fn lazy(&self) -> Option<Arc<Lazy>> {
        self.mem.lazy.clone()
    }
}

impl Drop for Memory {
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
        self.mem.base as *mut u32
    }

    fn cells(&self) -> usize {
        (self.mem.pages * PAGE_SIZE / 4) as usize
    }
}
