//! Kernel heap and global allocator: an address-ordered free list with
//! first fit and coalescing, over a virtual range that grows page by page.
//! Every block and hole is a multiple of 16 bytes and 16-aligned, so
//! splitting never leaves unusable slivers.

use core::alloc::{GlobalAlloc, Layout};
use core::ptr::null_mut;

use super::paging::{self, Access};
use super::{phys, vspace, PAGE_SIZE};
use crate::sync::spin::SpinLock;

/// Virtual space reserved for the heap.
const RESERVE: u64 = 1 << 30;
/// Smallest growth step.
const GROW_MIN: u64 = 256 * 1024;
const UNIT: usize = 16;

#[repr(C)]
struct Hole {
    size: usize,
    next: *mut Hole,
}

struct Heap {
    head: *mut Hole,
    start: u64,
    /// End of the mapped part.
    end: u64,
    limit: u64,
    /// Bytes handed out and not returned.
    used: usize,
}

// SAFETY: the raw pointers point into heap memory only the lock holder touches.
unsafe impl Send for Heap {}

static HEAP: SpinLock<Heap> = SpinLock::new(Heap {
    head: null_mut(),
    start: 0,
    end: 0,
    limit: 0,
    used: 0,
});

/// Heap statistics in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stats {
    /// Mapped heap size.
    pub mapped: u64,
    /// Bytes allocated.
    pub used: usize,
    /// Bytes in free holes.
    pub free: usize,
    /// Number of free holes (fragmentation).
    pub holes: usize,
}

/// Reserves the heap's virtual range and maps its first `initial` bytes.
pub fn init(initial: u64) -> Result<(), &'static str> {
    let start =
        vspace::alloc(RESERVE / PAGE_SIZE, 2 << 20).map_err(|_| "no virtual space for the heap")?;
    let mut h = HEAP.lock();
    h.start = start;
    h.end = start;
    h.limit = start + RESERVE;
    // SAFETY: we hold the lock; grow only maps fresh pages.
    unsafe { h.grow(initial) }
}

impl Heap {
    /// Maps at least `bytes` more and adds them as a hole.
    unsafe fn grow(&mut self, bytes: u64) -> Result<(), &'static str> {
        let bytes = super::align_up(bytes.max(GROW_MIN), PAGE_SIZE);
        if self.end + bytes > self.limit {
            return Err("heap reserve exhausted");
        }
        let mut mapped = 0;
        while mapped < bytes {
            let Some(frame) = phys::alloc() else { break };
            if paging::map(self.end + mapped, frame, Access::RW).is_err() {
                let _ = phys::free(frame);
                break;
            }
            mapped += PAGE_SIZE;
        }
        if mapped == 0 {
            return Err("out of physical memory");
        }
        let at = self.end;
        self.end += mapped;
        // SAFETY: [at, at + mapped) was just mapped and belongs to no block.
        unsafe { self.insert(at as usize, mapped as usize) };
        Ok(())
    }

    /// Inserts a hole in address order, merging with its neighbours.
    unsafe fn insert(&mut self, addr: usize, size: usize) {
        let mut prev: *mut Hole = null_mut();
        let mut cur = self.head;
        // SAFETY (whole body): holes are valid, disjoint and address-ordered.
        unsafe {
            while !cur.is_null() && (cur as usize) < addr {
                prev = cur;
                cur = (*cur).next;
            }
            let hole = addr as *mut Hole;
            hole.write(Hole { size, next: cur });
            if !cur.is_null() && addr + size == cur as usize {
                (*hole).size += (*cur).size;
                (*hole).next = (*cur).next;
            }
            if prev.is_null() {
                self.head = hole;
            } else if prev as usize + (*prev).size == addr {
                (*prev).size += (*hole).size;
                (*prev).next = (*hole).next;
            } else {
                (*prev).next = hole;
            }
        }
    }

    /// First fit; returns null if no hole fits.
    unsafe fn take(&mut self, size: usize, align: usize) -> *mut u8 {
        let mut prev: *mut Hole = null_mut();
        let mut cur = self.head;
        // SAFETY (whole body): as in insert.
        unsafe {
            while !cur.is_null() {
                let addr = cur as usize;
                let hsize = (*cur).size;
                let start = (addr + align - 1) & !(align - 1);
                if start + size <= addr + hsize {
                    let next = (*cur).next;
                    let front = start - addr;
                    let back = addr + hsize - (start + size);
                    let mut link = next;
                    if back > 0 {
                        let b = (start + size) as *mut Hole;
                        b.write(Hole {
                            size: back,
                            next: link,
                        });
                        link = b;
                    }
                    if front > 0 {
                        (*cur).size = front;
                        (*cur).next = link;
                    } else if prev.is_null() {
                        self.head = link;
                    } else {
                        (*prev).next = link;
                    }
                    self.used += size;
                    return start as *mut u8;
                }
                prev = cur;
                cur = (*cur).next;
            }
        }
        null_mut()
    }
}

fn round(layout: Layout) -> (usize, usize) {
    let size = layout.size().max(1).div_ceil(UNIT) * UNIT;
    (size, layout.align().max(UNIT))
}

/// The global allocator.
pub struct KernelAllocator;

// SAFETY: blocks come from disjoint holes of mapped heap memory under the lock.
unsafe impl GlobalAlloc for KernelAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let (size, align) = round(layout);
        let mut h = HEAP.lock();
        // SAFETY: lock held.
        unsafe {
            let p = h.take(size, align);
            if !p.is_null() {
                return p;
            }
            if h.grow((size + align) as u64).is_err() {
                return null_mut();
            }
            h.take(size, align)
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let (size, _) = round(layout);
        let mut h = HEAP.lock();
        h.used -= size;
        // SAFETY: the block came from alloc with this layout.
        unsafe { h.insert(ptr as usize, size) };
    }
}

#[global_allocator]
static ALLOCATOR: KernelAllocator = KernelAllocator;

/// Current statistics (walks the free list).
pub fn stats() -> Stats {
    let h = HEAP.lock();
    let (mut free, mut holes) = (0, 0);
    let mut cur = h.head;
    while !cur.is_null() {
        // SAFETY: lock held; holes are valid.
        unsafe {
            free += (*cur).size;
            cur = (*cur).next;
        }
        holes += 1;
    }
    Stats {
        mapped: h.end - h.start,
        used: h.used,
        free,
        holes,
    }
}
