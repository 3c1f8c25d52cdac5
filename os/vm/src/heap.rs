//! Object memory: one flat region of 32-bit cells holding every object.
//!
//! The region starts with a small header (allocator state), followed by
//! blocks. Every block, free or allocated, begins with four header cells:
//!
//! | cell | allocated block | free block |
//! |---|---|---|
//! | 0 | class object | next block in its free list |
//! | 1 | reference count (`SATURATED` = never freed) | 0 |
//! | 2 | object flags (bits 0–15), `ALLOCATED` (bit 16), `MARK` (bit 24) | 0 |
//! | 3 | data cells that follow | data cells that follow |
//!
//! An object reference ([`Ref`]) is the cell index of its block, so `0` can
//! never be an object: it is the one null. References are only ever made by
//! the VM, so they cannot be forged, and because they are indices rather than
//! addresses the whole region can be written to disk and mapped back at
//! another address (the persistence layer relies on that).
//!
//! Reclamation is reference counting (immediate, with an explicit worklist so
//! that freeing a long list cannot overflow the native stack) plus a
//! mark/sweep collector ([`Heap::collect`]) that frees cycles and coalesces
//! free space. Small blocks are recycled through exact-size free lists,
//! large ones through a first-fit list.

use alloc::string::String;
use alloc::vec::Vec;

/// A reference to an object: the cell index of its block, or 0 for null.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(transparent)]
pub struct Ref(pub u32);

impl Ref {
    /// The null reference.
    pub const NULL: Ref = Ref(0);

    /// Whether this is null.
    #[inline(always)]
    pub fn is_null(self) -> bool {
        self.0 == 0
    }
}

/// Data cell of every class object that says how many leading data cells of
/// its (internal) instances are references.
pub const CLASS_INST_REFS: u32 = 10;

/// Cells in a block header.
pub const HDR: u32 = 4;
/// Reference count that is never changed (classes, constants, the root).
pub const SATURATED: u32 = u32::MAX;
/// Header cell 2: the block holds an object.
pub const ALLOCATED: u32 = 1 << 16;
/// Header cell 2: reached by the current mark phase.
pub const MARK: u32 = 1 << 24;

/// Object flags (header cell 2, bits 0–15), as in the original VM.
pub mod flags {
    /// A class object.
    pub const IS_CLASS: u32 = 0x04;
    /// A boxed `.internal.int`.
    pub const IS_INT: u32 = 0x10;
    /// A string.
    pub const IS_STRING: u32 = 0x20;
    /// An array (field access goes to its elements).
    pub const IS_RESIZEABLE: u32 = 0x40;
    /// The data area is native state, not fields.
    pub const IS_INTERNAL: u32 = 0x80;
    /// A thread object.
    pub const IS_THREAD: u32 = 0x400;
    /// The data area holds no references.
    pub const IS_CHILDFREE: u32 = 0x800;
    /// Stores into the object are refused.
    pub const IS_IMMUTABLE: u32 = 0x2000;
}

// Heap header cells.
const H_MAGIC: usize = 0;
const H_VERSION: usize = 1;
const H_TOP: usize = 2;
const H_LIVE: usize = 3;
const H_LARGE_FREE: usize = 4;
/// First of the persistent "well-known" cells the VM may use (root, caches).
pub const H_USER: usize = 8;
/// Number of well-known cells.
pub const H_USER_CELLS: usize = 8;
const H_FREE0: usize = 16;
/// Exact-size free lists exist for data sizes `0..SMALL`.
const SMALL: usize = 128;
/// First block of the heap.
pub const HEAP_START: u32 = (H_FREE0 + SMALL) as u32;

const MAGIC: u32 = 0x7FAA_7F55;
const VERSION: u32 = 1;

/// Where the cells live. The region never moves while the heap exists.
pub trait Region {
    /// Start of the cells.
    fn base(&mut self) -> *mut u32;
    /// Number of cells available.
    fn cells(&self) -> usize;
}

/// A region in an ordinary vector (tests, and hosts without virtual memory).
pub struct VecRegion(pub Vec<u32>);

impl VecRegion {
    /// A zeroed region of `cells` cells.
    pub fn new(cells: usize) -> VecRegion {
        VecRegion(alloc::vec![0; cells])
    }
}

impl Region for VecRegion {
    fn base(&mut self) -> *mut u32 {
        self.0.as_mut_ptr()
    }
    fn cells(&self) -> usize {
        self.0.len()
    }
}

/// Allocation failed: the region is full even after what was freed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfMemory;

/// The object memory.
pub struct Heap {
    base: *mut u32,
    cells: usize,
    _region: alloc::boxed::Box<dyn Region + Send>,
    /// Reused worklist for recursive frees and marking.
    work: Vec<Ref>,
    /// Cells allocated since the last collection.
    pub allocated_since_gc: u64,
    /// Counters since the heap was opened (not persistent).
    pub stats: HeapStats,
}

/// Counters of a heap since it was opened (`PHANTOM_STATS=1 phantom run`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HeapStats {
    /// Cells allocated (headers included).
    pub allocated: u64,
    /// Collections run (of both kinds).
    pub collections: u64,
    /// Of those, collections run because an allocation failed.
    pub emergency: u64,
    /// Highest top of the heap in cells: the memory ever used.
    pub peak_top: u64,
    /// Most live cells seen (garbage included): measured before every
    /// collection.
    pub peak_live: u64,
}

// SAFETY: the heap owns its region exclusively; the raw pointer is only an
// alias of memory owned by `_region`.
unsafe impl Send for Heap {}

/// The passes of [`Heap::collect_unrooted`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pass {
    Subtract,
    Roots,
    Restore,
}

/// What [`Heap::collect`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GcStats {
    /// Objects still alive.
    pub live_objects: u64,
    /// Objects freed (garbage the reference counts could not free).
    pub freed_objects: u64,
    /// Cells in use after the collection.
    pub live_cells: u64,
}

impl Heap {
    /// Opens a region: formats it if it is fresh, otherwise keeps its
    /// contents. Returns the heap and whether it already held objects.
    pub fn open(mut region: alloc::boxed::Box<dyn Region + Send>) -> (Heap, bool) {
        let base = region.base();
        let cells = region.cells();
        assert!(
            cells > HEAP_START as usize + 1024,
            "object region too small"
        );
        let mut h = Heap {
            base,
            cells,
            _region: region,
            work: Vec::new(),
            allocated_since_gc: 0,
            stats: HeapStats::default(),
        };
        let existing = h.hget(H_MAGIC) == MAGIC && h.hget(H_VERSION) == VERSION;
        if !existing {
            for i in 0..HEAP_START as usize {
                h.hset(i, 0);
            }
            h.hset(H_MAGIC, MAGIC);
            h.hset(H_VERSION, VERSION);
            h.hset(H_TOP, HEAP_START);
        }
        (h, existing)
    }

    #[inline(always)]
    fn hget(&self, i: usize) -> u32 {
        // SAFETY: header cells are inside the region (checked in `open`).
        unsafe { *self.base.add(i) }
    }

    #[inline(always)]
    fn hset(&mut self, i: usize, v: u32) {
        // SAFETY: as in `hget`.
        unsafe { *self.base.add(i) = v }
    }

    /// A well-known persistent cell (`0..H_USER_CELLS`).
    pub fn user_cell(&self, i: usize) -> u32 {
        assert!(i < H_USER_CELLS);
        self.hget(H_USER + i)
    }

    /// Sets a well-known persistent cell.
    pub fn set_user_cell(&mut self, i: usize, v: u32) {
        assert!(i < H_USER_CELLS);
        self.hset(H_USER + i, v)
    }

    /// Cell `i` of the region.
    #[inline(always)]
    pub fn cell(&self, i: u32) -> u32 {
        debug_assert!((i as usize) < self.cells);
        // SAFETY: every index the VM computes lies in an allocated block.
        unsafe { *self.base.add(i as usize) }
    }

    /// Sets cell `i` of the region.
    #[inline(always)]
    pub fn set_cell(&mut self, i: u32, v: u32) {
        debug_assert!((i as usize) < self.cells);
        // SAFETY: as in `cell`.
        unsafe { *self.base.add(i as usize) = v }
    }

    /// Cell 0 of the region (compiled code reads reference counts and
    /// boxed ints through it).
    #[inline(always)]
    pub fn base_ptr(&self) -> *mut u32 {
        self.base
    }

    /// Raw pointer to cell `i` (for byte views of strings and binaries).
    #[inline(always)]
    pub fn cell_ptr(&self, i: u32) -> *mut u32 {
        debug_assert!((i as usize) <= self.cells);
        // SAFETY: as in `cell`.
        unsafe { self.base.add(i as usize) }
    }

    /// Class of an object.
    #[inline(always)]
    pub fn class_of(&self, r: Ref) -> Ref {
        Ref(self.cell(r.0))
    }

    /// Object flags of an object.
    #[inline(always)]
    pub fn flags(&self, r: Ref) -> u32 {
        self.cell(r.0 + 2) & 0xFFFF
    }

    /// Sets object flags (bits 0–15).
    pub fn set_flags(&mut self, r: Ref, f: u32) {
        let c = self.cell(r.0 + 2);
        self.set_cell(r.0 + 2, (c & !0xFFFF) | (f & 0xFFFF));
    }

    /// Number of data cells.
    #[inline(always)]
    pub fn size(&self, r: Ref) -> u32 {
        self.cell(r.0 + 3)
    }

    /// Data cell `i` of an object.
    #[inline(always)]
    pub fn get(&self, r: Ref, i: u32) -> u32 {
        debug_assert!(i < self.size(r), "cell {i} of {r:?}");
        self.cell(r.0 + HDR + i)
    }

    /// Sets data cell `i` of an object (no reference counting).
    #[inline(always)]
    pub fn set(&mut self, r: Ref, i: u32, v: u32) {
        debug_assert!(i < self.size(r), "cell {i} of {r:?}");
        self.set_cell(r.0 + HDR + i, v)
    }

    /// Data cell `i` as a reference.
    #[inline(always)]
    pub fn get_ref(&self, r: Ref, i: u32) -> Ref {
        Ref(self.get(r, i))
    }

    /// Stores an owned reference into data cell `i`, releasing the old one.
    #[inline]
    pub fn put_ref(&mut self, r: Ref, i: u32, v: Ref) {
        let old = self.get_ref(r, i);
        self.set(r, i, v.0);
        self.dec(old);
    }

    /// Reference count.
    pub fn refcount(&self, r: Ref) -> u32 {
        self.cell(r.0 + 1)
    }

    /// Makes an object permanent: reference counting never frees it.
    pub fn saturate(&mut self, r: Ref) {
        if !r.is_null() {
            self.set_cell(r.0 + 1, SATURATED);
        }
    }

    /// How many leading data cells of an object are references: all of
    /// them for regular objects, none for child-free ones, and for other
    /// internal objects the count in cell [`CLASS_INST_REFS`] of the class.
    #[inline]
    fn refs_in(&self, r: Ref) -> u32 {
        let f = self.flags(r);
        if f & flags::IS_CHILDFREE != 0 {
            0
        } else if f & flags::IS_INTERNAL == 0 {
            self.size(r)
        } else {
            self.get(self.class_of(r), CLASS_INST_REFS)
                .min(self.size(r))
        }
    }

    /// Adds a reference.
    #[inline(always)]
    pub fn inc(&mut self, r: Ref) {
        if r.0 != 0 {
            let rc = self.cell(r.0 + 1);
            if rc != SATURATED {
                self.set_cell(r.0 + 1, rc + 1);
            }
        }
    }

    /// Drops a reference, freeing the object (and what only it held) at zero.
    #[inline(always)]
    pub fn dec(&mut self, r: Ref) {
        if r.0 != 0 {
            let rc = self.cell(r.0 + 1);
            if rc != SATURATED {
                if rc <= 1 {
                    self.release(r);
                } else {
                    self.set_cell(r.0 + 1, rc - 1);
                }
            }
        }
    }

    #[cold]
    fn release(&mut self, first: Ref) {
        let mut work = core::mem::take(&mut self.work);
        work.push(first);
        while let Some(r) = work.pop() {
            let n = self.refs_in(r);
            for i in 0..n {
                let c = Ref(self.get(r, i));
                if c.0 == 0 {
                    continue;
                }
                let rc = self.cell(c.0 + 1);
                if rc == SATURATED {
                    continue;
                }
                if rc <= 1 {
                    work.push(c);
                } else {
                    self.set_cell(c.0 + 1, rc - 1);
                }
            }
            self.free_block(r);
        }
        self.work = work;
    }

    fn free_block(&mut self, r: Ref) {
        let ds = self.size(r) as usize;
        let live = self.hget(H_LIVE);
        self.hset(H_LIVE, live.saturating_sub(ds as u32 + HDR));
        self.set_cell(r.0 + 1, 0);
        self.set_cell(r.0 + 2, 0);
        self.push_free(r, ds);
    }

    fn push_free(&mut self, r: Ref, ds: usize) {
        let head = if ds < SMALL {
            H_FREE0 + ds
        } else {
            H_LARGE_FREE
        };
        let next = self.hget(head);
        self.set_cell(r.0, next);
        self.hset(head, r.0);
    }

    /// Allocates an object with `data` zeroed data cells, reference count 1.
    ///
    /// When the region is full, runs [`Heap::collect_unrooted`] (which is
    /// safe wherever the caller is) and tries once more, so allocation
    /// fails only when the live objects, cycles included, do not leave
    /// room.
    pub fn alloc(&mut self, class: Ref, oflags: u32, data: u32) -> Result<Ref, OutOfMemory> {
        let r = match self.take_block(data) {
            Ok(r) => r,
            // A collection cannot make room for more than the region.
            Err(OutOfMemory) if data as usize + HDR as usize > self.cells - HEAP_START as usize => {
                return Err(OutOfMemory);
            }
            Err(OutOfMemory) => {
                self.collect_unrooted();
                self.take_block(data)?
            }
        };
        self.set_cell(r.0, class.0);
        self.set_cell(r.0 + 1, 1);
        self.set_cell(r.0 + 2, ALLOCATED | (oflags & 0xFFFF));
        let ds = self.size(r);
        // SAFETY: the data cells belong to the block just taken.
        unsafe { core::ptr::write_bytes(self.base.add((r.0 + HDR) as usize), 0, ds as usize) };
        let live = self.hget(H_LIVE);
        self.hset(H_LIVE, live + ds + HDR);
        self.allocated_since_gc += u64::from(ds + HDR);
        self.stats.allocated += u64::from(ds + HDR);
        Ok(r)
    }

    fn take_block(&mut self, data: u32) -> Result<Ref, OutOfMemory> {
        let ds = data as usize;
        if ds < SMALL {
            let head = self.hget(H_FREE0 + ds);
            if head != 0 {
                let next = self.cell(head);
                self.hset(H_FREE0 + ds, next);
                return Ok(Ref(head));
            }
        }
        // First fit over the large list, splitting off the rest. Every
        // block there fits a small request, so those take the first one:
        // free space that a collection coalesced is reused before the heap
        // grows.
        let mut prev: Option<u32> = None;
        let mut cur = self.hget(H_LARGE_FREE);
        while cur != 0 {
            let size = self.cell(cur + 3);
            let next = self.cell(cur);
            if size >= data {
                match prev {
                    None => self.hset(H_LARGE_FREE, next),
                    Some(p) => self.set_cell(p, next),
                }
                let rest = size - data;
                if rest >= HDR {
                    self.set_cell(cur + 3, data);
                    let tail = cur + HDR + data;
                    self.set_cell(tail + 1, 0);
                    self.set_cell(tail + 2, 0);
                    self.set_cell(tail + 3, rest - HDR);
                    self.push_free(Ref(tail), (rest - HDR) as usize);
                }
                return Ok(Ref(cur));
            }
            prev = Some(cur);
            cur = next;
        }
        let top = self.hget(H_TOP) as usize;
        let end = top + HDR as usize + ds;
        if end > self.cells || end > u32::MAX as usize {
            return Err(OutOfMemory);
        }
        self.hset(H_TOP, end as u32);
        self.stats.peak_top = self.stats.peak_top.max(end as u64);
        self.set_cell(top as u32 + 3, data);
        Ok(Ref(top as u32))
    }

    /// Cells in use by objects (headers included).
    pub fn live_cells(&self) -> u64 {
        u64::from(self.hget(H_LIVE))
    }

    /// Cells from the start of the region to the end of the last block.
    pub fn top(&self) -> u32 {
        self.hget(H_TOP)
    }

    /// Total cells of the region.
    pub fn capacity(&self) -> usize {
        self.cells
    }

    /// Mark/sweep: frees everything not reachable from `roots` (which the
    /// caller must list completely: the root object, every thread's stacks),
    /// corrects the counts of survivors that garbage pointed to, coalesces
    /// free blocks and rebuilds the free lists.
    pub fn collect(&mut self, roots: &[Ref]) -> GcStats {
        self.stats.collections += 1;
        self.stats.peak_live = self.stats.peak_live.max(self.live_cells());
        // Mark.
        let mut work = core::mem::take(&mut self.work);
        for &r in roots {
            self.mark_push(r, &mut work);
        }
        while let Some(r) = work.pop() {
            let cls = self.class_of(r);
            self.mark_push(cls, &mut work);
            let n = self.refs_in(r);
            for i in 0..n {
                let c = Ref(self.get(r, i));
                self.mark_push(c, &mut work);
            }
        }
        self.work = work;

        // Sweep: free unmarked blocks, fixing the counts of marked children.
        let mut stats = GcStats::default();
        let top = self.hget(H_TOP);
        let mut at = HEAP_START;
        while at < top {
            let r = Ref(at);
            let size = self.size(r);
            let c2 = self.cell(at + 2);
            if c2 & ALLOCATED != 0 && c2 & MARK == 0 {
                let n = self.refs_in(r);
                for i in 0..n {
                    let c = Ref(self.get(r, i));
                    if c.0 != 0 && self.cell(c.0 + 2) & MARK != 0 {
                        let rc = self.cell(c.0 + 1);
                        if rc != SATURATED && rc > 1 {
                            self.set_cell(c.0 + 1, rc - 1);
                        }
                    }
                }
                self.set_cell(at + 1, 0);
                self.set_cell(at + 2, 0);
                stats.freed_objects += 1;
            }
            at += HDR + size;
        }

        // Coalesce and rebuild the free lists; clear marks.
        for i in 0..SMALL {
            self.hset(H_FREE0 + i, 0);
        }
        self.hset(H_LARGE_FREE, 0);
        let mut live = 0u64;
        let mut at = HEAP_START;
        let mut free_run: Option<u32> = None;
        while at < top {
            let size = self.cell(at + 3);
            let c2 = self.cell(at + 2);
            let next = at + HDR + size;
            if c2 & ALLOCATED != 0 {
                if let Some(start) = free_run.take() {
                    self.close_free_run(start, at);
                }
                self.set_cell(at + 2, c2 & !MARK);
                stats.live_objects += 1;
                live += u64::from(HDR + size);
            } else if free_run.is_none() {
                free_run = Some(at);
            }
            at = next;
        }
        if let Some(start) = free_run {
            // Free space at the end goes back to the bump area.
            self.hset(H_TOP, start);
        }
        self.hset(H_LIVE, live as u32);
        stats.live_cells = live;
        self.allocated_since_gc = 0;
        stats
    }

    /// A collection that needs no list of roots, so that it can run
    /// anywhere: in the middle of an instruction, inside a native, when an
    /// allocation fails. Every reference held outside the heap (a thread's
    /// stacks, a frame's receiver, a native's local variable) is counted,
    /// so an object whose reference count is higher than the number of
    /// references to it from other objects is held from outside: it is a
    /// root, as is every permanent object. What no root reaches is garbage
    /// that reference counting could not free: cycles, and what only they
    /// hold.
    ///
    /// The counts are lowered in place by the references between objects,
    /// read, and restored, so no memory is needed besides the mark stack.
    pub fn collect_unrooted(&mut self) -> GcStats {
        self.stats.emergency += 1;
        let top = self.hget(H_TOP);
        for pass in [Pass::Subtract, Pass::Roots, Pass::Restore] {
            let mut at = HEAP_START;
            while at < top {
                let r = Ref(at);
                at += HDR + self.size(r);
                if self.cell(r.0 + 2) & ALLOCATED == 0 {
                    continue;
                }
                if pass == Pass::Roots {
                    if self.cell(r.0 + 1) != 0 {
                        self.work.push(r);
                    }
                    continue;
                }
                for i in 0..self.refs_in(r) {
                    let c = self.get(r, i);
                    if c == 0 {
                        continue;
                    }
                    let rc = self.cell(c + 1);
                    if rc != SATURATED {
                        let rc = if pass == Pass::Subtract {
                            rc.wrapping_sub(1)
                        } else {
                            rc.wrapping_add(1)
                        };
                        self.set_cell(c + 1, rc);
                    }
                }
            }
        }
        let roots = core::mem::take(&mut self.work);
        let stats = self.collect(&roots);
        self.work = roots;
        self.work.clear();
        stats
    }

    fn close_free_run(&mut self, start: u32, end: u32) {
        let ds = end - start - HDR;
        self.set_cell(start + 1, 0);
        self.set_cell(start + 2, 0);
        self.set_cell(start + 3, ds);
        self.push_free(Ref(start), ds as usize);
    }

    #[inline]
    fn mark_push(&mut self, r: Ref, work: &mut Vec<Ref>) {
        if r.0 == 0 {
            return;
        }
        let c2 = self.cell(r.0 + 2);
        if c2 & MARK == 0 {
            self.set_cell(r.0 + 2, c2 | MARK);
            work.push(r);
        }
    }

    /// The counters as `key=value` words, sizes in bytes, for
    /// `PHANTOM_STATS=1` (peaks include the present).
    pub fn stats_text(&self) -> String {
        let s = &self.stats;
        alloc::format!(
            "collections={} emergency_collections={} allocated_bytes={} peak_top_bytes={} peak_live_bytes={} live_bytes={} capacity_bytes={}",
            s.collections,
            s.emergency,
            s.allocated * 4,
            s.peak_top.max(u64::from(self.top())) * 4,
            s.peak_live.max(self.live_cells()) * 4,
            self.live_cells() * 4,
            self.cells as u64 * 4,
        )
    }

    /// Checks the structure of the heap (for fuzzers and tests): the blocks
    /// tile the region up to the top, every reference held by an object
    /// (and every class pointer) is null or an allocated block, the free
    /// lists hold only free blocks of the right size, the live-cell count is
    /// right, and no object's reference count is below the number of
    /// references to it from objects and from `roots` (which lists the
    /// references held outside the heap, with repetitions; a lower count
    /// would free an object that is still in use). Returns the first problem.
    pub fn check(&self, roots: &[Ref]) -> Result<(), String> {
        use alloc::format;
        let top = self.hget(H_TOP);
        if top as usize > self.cells || top < HEAP_START {
            return Err(format!("top {top} is outside the region"));
        }
        // Block starts: 1 = free, 2 = allocated.
        let mut kind = alloc::vec![0u8; top as usize];
        let mut at = HEAP_START;
        let mut live = 0u64;
        while at < top {
            if at + HDR > top {
                return Err(format!("block header at {at} runs past the top {top}"));
            }
            let size = self.cell(at + 3);
            let end = u64::from(at) + u64::from(HDR) + u64::from(size);
            if end > u64::from(top) {
                return Err(format!(
                    "block at {at} of {size} cells runs past the top {top}"
                ));
            }
            let c2 = self.cell(at + 2);
            if c2 & MARK != 0 {
                return Err(format!("block at {at} is still marked"));
            }
            kind[at as usize] = if c2 & ALLOCATED != 0 {
                live += u64::from(HDR + size);
                2
            } else {
                1
            };
            at = end as u32;
        }
        if live != self.live_cells() {
            return Err(format!(
                "live cells are {live}, the header says {}",
                self.live_cells()
            ));
        }
        let is_obj = |r: Ref| (r.0 as usize) < kind.len() && kind[r.0 as usize] == 2;
        let mut incoming = alloc::vec![0u32; top as usize];
        for &r in roots {
            if r.is_null() {
                continue;
            }
            if !is_obj(r) {
                return Err(format!("root {r:?} is not an object"));
            }
            incoming[r.0 as usize] = incoming[r.0 as usize].saturating_add(1);
        }
        for r in self.objects() {
            let cls = self.class_of(r);
            if !is_obj(cls) || self.flags(cls) & flags::IS_CLASS == 0 {
                return Err(format!("the class {cls:?} of {r:?} is not a class object"));
            }
            let f = self.flags(r);
            let n = if f & flags::IS_CHILDFREE != 0 {
                0
            } else if f & flags::IS_INTERNAL == 0 {
                self.size(r)
            } else {
                self.get(cls, CLASS_INST_REFS).min(self.size(r))
            };
            for i in 0..n {
                let c = self.get_ref(r, i);
                if c.is_null() {
                    continue;
                }
                if !is_obj(c) {
                    return Err(format!(
                        "cell {i} of {r:?} holds {c:?}, which is not an object"
                    ));
                }
                incoming[c.0 as usize] = incoming[c.0 as usize].saturating_add(1);
            }
        }
        for r in self.objects() {
            let rc = self.refcount(r);
            if rc == 0 {
                return Err(format!("{r:?} is allocated with reference count 0"));
            }
            if rc != SATURATED && rc < incoming[r.0 as usize] {
                return Err(format!(
                    "{r:?} has reference count {rc} but {} references",
                    incoming[r.0 as usize]
                ));
            }
        }
        let mut seen = 0usize;
        for list in 0..=SMALL {
            let head = if list < SMALL {
                H_FREE0 + list
            } else {
                H_LARGE_FREE
            };
            let mut cur = self.hget(head);
            while cur != 0 {
                if (cur as usize) >= kind.len() || kind[cur as usize] != 1 {
                    return Err(format!(
                        "free list {list} holds {cur}, which is not a free block"
                    ));
                }
                let size = self.cell(cur + 3) as usize;
                if (list < SMALL && size != list) || (list == SMALL && size < SMALL) {
                    return Err(format!("free list {list} holds a block of {size} cells"));
                }
                seen += 1;
                if seen > kind.len() {
                    return Err(String::from("a free list is circular"));
                }
                cur = self.cell(cur);
            }
        }
        Ok(())
    }

    /// Every allocated object (for integrity checks and tests).
    pub fn objects(&self) -> impl Iterator<Item = Ref> + '_ {
        let top = self.hget(H_TOP);
        let mut at = HEAP_START;
        core::iter::from_fn(move || {
            while at < top {
                let r = Ref(at);
                at += HDR + self.size(r);
                if self.cell(r.0 + 2) & ALLOCATED != 0 {
                    return Some(r);
                }
            }
            None
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::boxed::Box;

    fn heap(cells: usize) -> Heap {
        Heap::open(Box::new(VecRegion::new(cells))).0
    }

    #[test]
    fn refcount_frees_chains_without_recursion() {
        let mut h = heap(1 << 20);
        let cls = h.alloc(Ref::NULL, 0, 0).unwrap();
        h.saturate(cls);
        let base = h.live_cells();
        // A list of 50,000 nodes, each holding the next.
        let mut head = Ref::NULL;
        for _ in 0..50_000 {
            let n = h.alloc(cls, 0, 2).unwrap();
            h.put_ref(n, 0, head);
            head = n;
        }
        assert!(h.live_cells() > base + 50_000 * 6 - 1);
        h.dec(head);
        assert_eq!(h.live_cells(), base);
        // The space is reused: the top does not move.
        let top = h.top();
        for _ in 0..1000 {
            let n = h.alloc(cls, 0, 2).unwrap();
            h.dec(n);
        }
        assert_eq!(h.top(), top);
    }

    #[test]
    fn collect_frees_cycles_and_keeps_reachable() {
        let mut h = heap(1 << 16);
        let cls = h.alloc(Ref::NULL, 0, 0).unwrap();
        h.saturate(cls);
        let root = h.alloc(cls, 0, 1).unwrap();
        h.saturate(root);
        // Garbage cycle a <-> b.
        let a = h.alloc(cls, 0, 2).unwrap();
        let b = h.alloc(cls, 0, 1).unwrap();
        h.inc(b);
        h.put_ref(a, 0, b);
        h.inc(a);
        h.put_ref(b, 0, a);
        h.dec(a);
        h.dec(b);
        // Reachable: root -> c, and the garbage cycle also points at c.
        let c = h.alloc(cls, 0, 0).unwrap();
        h.put_ref(root, 0, c);
        h.inc(c);
        h.put_ref(a, 1, c);
        assert_eq!(h.refcount(c), 2);
        let s = h.collect(&[root, cls]);
        assert_eq!(s.freed_objects, 2);
        assert_eq!(h.refcount(c), 1);
        assert_eq!(h.objects().count(), 3);
    }

    /// A class object that is its own class (so that `check` accepts it).
    fn class(h: &mut Heap) -> Ref {
        let cls = h.alloc(Ref::NULL, flags::IS_CLASS, 0).unwrap();
        h.set_cell(cls.0, cls.0);
        h.saturate(cls);
        cls
    }

    /// Makes a garbage cycle of two objects with `data` cells each.
    fn garbage_cycle(h: &mut Heap, cls: Ref, data: u32) -> Result<(), OutOfMemory> {
        let a = h.alloc(cls, 0, data)?;
        let b = match h.alloc(cls, 0, data) {
            Ok(b) => b,
            Err(e) => {
                h.dec(a);
                return Err(e);
            }
        };
        h.inc(b);
        h.put_ref(a, 0, b);
        h.put_ref(b, 0, a);
        h.dec(b);
        Ok(())
    }

    #[test]
    fn small_objects_reuse_coalesced_free_space() {
        let mut h = heap(1 << 20);
        let cls = class(&mut h);
        let keep = h.alloc(cls, 0, 1).unwrap();
        for _ in 0..5_000 {
            garbage_cycle(&mut h, cls, 2).unwrap();
        }
        // Something allocated after the garbage keeps the top up.
        let last = h.alloc(cls, 0, 1).unwrap();
        h.collect(&[cls, keep, last]);
        h.check(&[keep, last]).unwrap();
        let top = h.top();
        // The freed cycles are one coalesced run: small objects are cut
        // from it instead of growing the heap (until its rest is small).
        for _ in 0..4_900 {
            garbage_cycle(&mut h, cls, 2).unwrap();
        }
        assert_eq!(h.top(), top, "small allocations grew the heap");
        h.check(&[keep, last]).unwrap();
    }

    #[test]
    fn a_failing_allocation_collects_cycles_and_retries() {
        let mut h = heap(1 << 16);
        let cls = class(&mut h);
        // Held from outside the heap only (like a native's local or a
        // stack slot): must survive, with what it points to.
        let keep = h.alloc(cls, 0, 2).unwrap();
        let child = h.alloc(cls, 0, 3).unwrap();
        h.put_ref(keep, 0, child);
        // A cycle also held from outside.
        let ring = h.alloc(cls, 0, 1).unwrap();
        h.inc(ring);
        h.put_ref(ring, 0, ring);
        // Far more garbage cycles than fit.
        for i in 0..20_000 {
            garbage_cycle(&mut h, cls, 6).unwrap_or_else(|_| panic!("out of memory at cycle {i}"));
        }
        assert!(h.stats.emergency > 0, "no collection ran");
        // Nothing can hold more than the region: no collection for that.
        let runs = h.stats.collections;
        assert_eq!(h.alloc(cls, 0, 1 << 20), Err(OutOfMemory));
        assert_eq!(h.stats.collections, runs);
        assert_eq!(h.stats.emergency, h.stats.collections);
        h.check(&[keep, ring]).unwrap();
        assert_eq!(h.get_ref(keep, 0), child);
        assert_eq!(h.refcount(child), 1);
        assert_eq!(h.get_ref(ring, 0), ring);
        assert_eq!(h.refcount(ring), 2);
        // Only what is held survives a final collection.
        h.collect_unrooted();
        assert_eq!(h.objects().count(), 4);
        h.check(&[keep, ring]).unwrap();
    }

    #[test]
    fn an_allocation_fails_only_when_the_live_data_fills_the_heap() {
        let mut h = heap(1 << 16);
        let cls = class(&mut h);
        let mut held = Vec::new();
        while let Ok(r) = h.alloc(cls, 0, 60) {
            held.push(r);
        }
        assert!(
            held.len() * 64 > (1 << 16) - 2048,
            "failed with {} objects",
            held.len()
        );
        h.check(&held).unwrap();
        for r in held {
            h.dec(r);
        }
        h.check(&[]).unwrap();
    }

    #[test]
    fn check_finds_a_count_below_the_references() {
        let mut h = heap(1 << 16);
        let cls = class(&mut h);
        let a = h.alloc(cls, 0, 1).unwrap();
        let b = h.alloc(cls, 0, 0).unwrap();
        h.put_ref(a, 0, b);
        h.check(&[a]).unwrap();
        // The stack also holds b, without counting it.
        let e = h.check(&[a, b]).unwrap_err();
        assert!(e.contains("reference count 1 but 2 references"), "{e}");
        h.set(a, 0, 12345);
        let e = h.check(&[a]).unwrap_err();
        assert!(e.contains("not an object"), "{e}");
    }

    #[test]
    fn large_blocks_split_and_coalesce() {
        let mut h = heap(1 << 16);
        let cls = h.alloc(Ref::NULL, flags::IS_CHILDFREE, 0).unwrap();
        h.saturate(cls);
        let x = h.alloc(cls, flags::IS_CHILDFREE, 1000).unwrap();
        let keep = h.alloc(cls, flags::IS_CHILDFREE, 1).unwrap();
        h.saturate(keep);
        h.dec(x);
        let y = h.alloc(cls, flags::IS_CHILDFREE, 500).unwrap();
        assert_eq!(y, x, "first fit reuses the freed block");
        let z = h.alloc(cls, flags::IS_CHILDFREE, 200).unwrap();
        assert!(z.0 > y.0 && z.0 < keep.0, "the split rest is reused");
        h.dec(y);
        h.dec(z);
        h.collect(&[cls, keep]);
        let w = h.alloc(cls, flags::IS_CHILDFREE, 990).unwrap();
        assert_eq!(w, x, "coalesced back into one block");
    }
}
