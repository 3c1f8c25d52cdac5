//! Physical page allocator: a bitmap over the first 4 GiB (the range the
//! kernel identity-maps), filled from the Multiboot memory map.

use super::{align_down, align_up, PAGE_SIZE};
use crate::multiboot::{BootInfo, RegionKind};
use crate::sync::spin::SpinLock;

/// Highest physical address the allocator manages.
pub const MAX_PHYS: u64 = 4 << 30;
const FRAMES: usize = (MAX_PHYS / PAGE_SIZE) as usize;
const WORDS: usize = FRAMES / 64;
/// Memory below this stays with BIOS structures and the loader.
const LOW_LIMIT: u64 = 1 << 20;

struct Bitmap {
    /// Bit set = frame in use or not RAM.
    used: [u64; WORDS],
    free: usize,
    total: usize,
    /// Next-fit hint (word index).
    hint: usize,
}

impl Bitmap {
    fn is_used(&self, f: usize) -> bool {
        self.used[f / 64] & (1 << (f % 64)) != 0
    }
    fn set(&mut self, f: usize, used: bool) {
        if used {
            self.used[f / 64] |= 1 << (f % 64);
        } else {
            self.used[f / 64] &= !(1 << (f % 64));
        }
    }
}

static FRAMES_MAP: SpinLock<Bitmap> = SpinLock::new(Bitmap {
    used: [0; WORDS],
    free: 0,
    total: 0,
    hint: 0,
});

/// Allocator statistics, in frames.
#[derive(Clone, Copy, Debug)]
pub struct Stats {
    /// Frames available now.
    pub free: usize,
    /// Usable frames found at boot.
    pub total: usize,
}

/// Takes every usable frame of the memory map except the kernel image and
/// the loader's structures listed in `reserved` (physical [start, end) pairs).
pub fn init(boot: &BootInfo, reserved: &[(u64, u64)]) {
    let mut map = FRAMES_MAP.lock();
    map.used.fill(!0);
    for r in boot.memory_map().filter(|r| r.kind == RegionKind::Usable) {
        let start = align_up(r.base.max(LOW_LIMIT), PAGE_SIZE);
        let end = align_down((r.base + r.len).min(MAX_PHYS), PAGE_SIZE);
        let mut a = start;
        while a < end {
            let f = (a / PAGE_SIZE) as usize;
            if map.is_used(f) {
                map.set(f, false);
                map.free += 1;
            }
            a += PAGE_SIZE;
        }
    }
    for &(s, e) in reserved {
        let mut a = align_down(s, PAGE_SIZE);
        while a < e.min(MAX_PHYS) {
            let f = (a / PAGE_SIZE) as usize;
            if !map.is_used(f) {
                map.set(f, true);
                map.free -= 1;
            }
            a += PAGE_SIZE;
        }
    }
    map.total = map.free;
    map.hint = (LOW_LIMIT / PAGE_SIZE / 64) as usize;
}

/// Allocates one frame (contents undefined).
pub fn alloc() -> Option<u64> {
    alloc_contiguous(1)
}

/// Allocates one zero-filled frame.
pub fn alloc_zeroed() -> Option<u64> {
    let f = alloc()?;
    // SAFETY: the frame is ours and identity-mapped.
    unsafe { core::ptr::write_bytes(f as *mut u8, 0, PAGE_SIZE as usize) };
    Some(f)
}

/// Allocates `count` physically contiguous frames (for DMA).
pub fn alloc_contiguous(count: usize) -> Option<u64> {
    if count == 0 {
        return None;
    }
    let mut map = FRAMES_MAP.lock();
    if map.free < count {
        return None;
    }
    let start_hint = map.hint * 64;
    // Two passes: from the hint to the end, then from the start.
    for (lo, hi) in [(start_hint, FRAMES), (0, start_hint + count)] {
        let mut f = lo;
        let hi = hi.min(FRAMES);
        while f + count <= hi {
            if map.used[f / 64] == !0 && f % 64 == 0 {
                f += 64;
                continue;
            }
            match (f..f + count).find(|&g| map.is_used(g)) {
                Some(busy) => f = busy + 1,
                None => {
                    for g in f..f + count {
                        map.set(g, true);
                    }
                    map.free -= count;
                    map.hint = (f + count) / 64;
                    return Some(f as u64 * PAGE_SIZE);
                }
            }
        }
    }
    None
}

/// Returns `count` frames starting at `addr`. Freeing a frame that is not
/// allocated is a bug and is refused.
pub fn free_contiguous(addr: u64, count: usize) -> Result<(), &'static str> {
    if !addr.is_multiple_of(PAGE_SIZE) || addr + count as u64 * PAGE_SIZE > MAX_PHYS {
        return Err("bad frame address");
    }
    let mut map = FRAMES_MAP.lock();
    let first = (addr / PAGE_SIZE) as usize;
    if (first..first + count).any(|f| !map.is_used(f)) {
        return Err("freeing a free frame");
    }
    for f in first..first + count {
        map.set(f, false);
    }
    map.free += count;
    Ok(())
}

/// Returns one frame.
pub fn free(addr: u64) -> Result<(), &'static str> {
    free_contiguous(addr, 1)
}

/// Current statistics.
pub fn stats() -> Stats {
    let map = FRAMES_MAP.lock();
    Stats {
        free: map.free,
        total: map.total,
    }
}
