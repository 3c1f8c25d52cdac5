//! Kernel virtual address space allocator: hands out page-aligned ranges of
//! [`KERNEL_SPACE_START`, `KERNEL_SPACE_END`). The free list is a fixed array
//! so that it works before (and underneath) the heap.

use super::paging::{KERNEL_SPACE_END, KERNEL_SPACE_START};
use super::PAGE_SIZE;
use crate::sync::spin::SpinLock;

const MAX_RANGES: usize = 256;

/// Sorted, non-adjacent free ranges [start, end).
struct FreeList {
    ranges: [(u64, u64); MAX_RANGES],
    len: usize,
}

static FREE: SpinLock<FreeList> = SpinLock::new(FreeList {
    ranges: [(0, 0); MAX_RANGES],
    len: 0,
});

/// Why a range operation failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VspaceError {
    /// No free range is large enough.
    Exhausted,
    /// The range is not page-aligned, empty, outside kernel space, or (partly) free already.
    BadRange,
    /// Freeing would split the free list beyond its fixed capacity.
    TooFragmented,
}

/// Makes the whole kernel space free.
pub fn init() {
    let mut f = FREE.lock();
    f.ranges[0] = (KERNEL_SPACE_START, KERNEL_SPACE_END);
    f.len = 1;
}

/// Reserves `pages` pages aligned to `align` bytes (a power of two >= 4096).
pub fn alloc(pages: u64, align: u64) -> Result<u64, VspaceError> {
    if pages == 0 || !align.is_power_of_two() || align < PAGE_SIZE {
        return Err(VspaceError::BadRange);
    }
    let size = pages.checked_mul(PAGE_SIZE).ok_or(VspaceError::BadRange)?;
    let mut f = FREE.lock();
    let len = f.len;
    for i in 0..len {
        let (s, e) = f.ranges[i];
        let a = super::align_up(s, align);
        if a >= e || e - a < size {
            continue;
        }
        // Carve [a, a+size) out of [s, e): up to two remainders.
        let front = (s, a);
        let back = (a + size, e);
        match (front.0 < front.1, back.0 < back.1) {
            (false, false) => remove(&mut f, i),
            (true, false) => f.ranges[i] = front,
            (false, true) => f.ranges[i] = back,
            (true, true) => {
                if f.len == MAX_RANGES {
                    return Err(VspaceError::TooFragmented);
                }
                f.ranges[i] = front;
                insert(&mut f, i + 1, back);
            }
        }
        return Ok(a);
    }
    Err(VspaceError::Exhausted)
}

/// Returns a range obtained from [`alloc`].
pub fn free(start: u64, pages: u64) -> Result<(), VspaceError> {
    let end = pages
        .checked_mul(PAGE_SIZE)
        .and_then(|s| start.checked_add(s))
        .ok_or(VspaceError::BadRange)?;
    if pages == 0
        || !start.is_multiple_of(PAGE_SIZE)
        || start < KERNEL_SPACE_START
        || end > KERNEL_SPACE_END
    {
        return Err(VspaceError::BadRange);
    }
    let mut f = FREE.lock();
    let pos = f.ranges[..f.len]
        .iter()
        .position(|r| r.0 >= end)
        .unwrap_or(f.len);
    // The range must not overlap its neighbours (that would be a double free).
    if pos > 0 && f.ranges[pos - 1].1 > start {
        return Err(VspaceError::BadRange);
    }
    if pos < f.len && f.ranges[pos].0 < end {
        return Err(VspaceError::BadRange);
    }
    let merge_prev = pos > 0 && f.ranges[pos - 1].1 == start;
    let merge_next = pos < f.len && f.ranges[pos].0 == end;
    match (merge_prev, merge_next) {
        (true, true) => {
            f.ranges[pos - 1].1 = f.ranges[pos].1;
            remove(&mut f, pos);
        }
        (true, false) => f.ranges[pos - 1].1 = end,
        (false, true) => f.ranges[pos].0 = start,
        (false, false) => {
            if f.len == MAX_RANGES {
                return Err(VspaceError::TooFragmented);
            }
            insert(&mut f, pos, (start, end));
        }
    }
    Ok(())
}

/// Total free bytes and number of free ranges.
pub fn stats() -> (u64, usize) {
    let f = FREE.lock();
    (f.ranges[..f.len].iter().map(|r| r.1 - r.0).sum(), f.len)
}

fn remove(f: &mut FreeList, i: usize) {
    f.ranges.copy_within(i + 1..f.len, i);
    f.len -= 1;
}

fn insert(f: &mut FreeList, i: usize, r: (u64, u64)) {
    f.ranges.copy_within(i..f.len, i + 1);
    f.ranges[i] = r;
    f.len += 1;
}
