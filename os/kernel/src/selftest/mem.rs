//! Memory tests: allocators under stress, page tables, the fault hook.

use alloc::sync::Arc;
use alloc::vec::Vec;
use core::alloc::Layout;
use core::sync::atomic::{AtomicU32, Ordering};

use super::{Rng, TestResult};
use crate::check;
use crate::mm::fault::{self, FaultHandler, FaultInfo, FaultResult};
use crate::mm::paging::{self, Access, MapError};
use crate::mm::{phys, vspace, PAGE_SIZE};

pub fn phys_allocator() -> TestResult {
    let before = phys::stats();
    let mut frames = Vec::new();
    for _ in 0..2000 {
        let f = phys::alloc().ok_or("out of frames")?;
        check!(
            f % PAGE_SIZE == 0 && (1 << 20..phys::MAX_PHYS).contains(&f),
            "bad frame {f:#x}"
        );
        frames.push(f);
    }
    let mut sorted = frames.clone();
    sorted.sort_unstable();
    sorted.dedup();
    check!(sorted.len() == frames.len(), "a frame was handed out twice");
    check!(
        phys::stats().free == before.free - 2000,
        "free count did not drop by 2000"
    );
    let run = phys::alloc_contiguous(64).ok_or("no 64-frame run")?;
    check!(
        frames.iter().all(|&f| f < run || f >= run + 64 * PAGE_SIZE),
        "contiguous run overlaps single frames"
    );
    phys::free_contiguous(run, 64)?;
    for f in frames.drain(..) {
        phys::free(f)?;
    }
    check!(phys::free(sorted[0]).is_err(), "double free was accepted");
    check!(
        phys::stats().free == before.free,
        "frames leaked: {} != {}",
        phys::stats().free,
        before.free
    );
    Ok(())
}

pub fn vspace_allocator() -> TestResult {
    let before = vspace::stats();
    let mut rng = Rng::new(7);
    let mut ranges = Vec::new();
    for i in 0..100 {
        let pages = 1 + rng.below(64);
        let align = PAGE_SIZE << rng.below(6);
        let a = vspace::alloc(pages, align).map_err(|e| alloc::format!("alloc {i}: {e:?}"))?;
        check!(a % align == 0, "range {a:#x} not aligned to {align:#x}");
        check!(
            ranges
                .iter()
                .all(|&(b, n): &(u64, u64)| a + pages * PAGE_SIZE <= b || b + n * PAGE_SIZE <= a),
            "overlapping ranges"
        );
        ranges.push((a, pages));
    }
    while !ranges.is_empty() {
        let (a, n) = ranges.swap_remove(rng.below(ranges.len() as u64) as usize);
        vspace::free(a, n).map_err(|e| alloc::format!("free: {e:?}"))?;
        check!(
            vspace::free(a, n).is_err(),
            "double free of {a:#x} accepted"
        );
    }
    check!(
        vspace::stats() == before,
        "free list not restored: {:?} vs {:?}",
        vspace::stats(),
        before
    );
    Ok(())
}

pub fn paging_map_protect_unmap() -> TestResult {
    let va = vspace::alloc(1, PAGE_SIZE).map_err(|_| "no virtual space")?;
    let frame = phys::alloc().ok_or("no frame")?;
    check!(paging::translate(va).is_none(), "fresh range is mapped");
    paging::map(va, frame, Access::RW).map_err(|e| alloc::format!("{e:?}"))?;
    check!(
        paging::map(va, frame, Access::RW) == Err(MapError::AlreadyMapped),
        "double map accepted"
    );
    // SAFETY: just mapped read-write.
    unsafe { (va as *mut u64).write_volatile(0x5a5a_1234) };
    // SAFETY: the same frame through the identity map.
    check!(
        unsafe { (frame as *const u64).read_volatile() } == 0x5a5a_1234,
        "write not visible through the frame"
    );
    check!(
        paging::translate(va + 8) == Some((frame + 8, Access::RW)),
        "translate mismatch"
    );
    check!(
        paging::take_dirty(va) == Ok(true),
        "dirty bit not set by the write"
    );
    check!(paging::take_dirty(va) == Ok(false), "dirty bit not cleared");
    paging::protect(va, Access::RX).map_err(|e| alloc::format!("{e:?}"))?;
    check!(
        paging::translate(va).map(|t| t.1) == Some(Access::RX),
        "protect did not make the page executable"
    );
    paging::protect(va, Access::RO).map_err(|e| alloc::format!("{e:?}"))?;
    check!(
        paging::translate(va).map(|t| t.1) == Some(Access::RO),
        "protect did not change rights"
    );
    check!(
        paging::unmap(va) == Ok(frame),
        "unmap returned the wrong frame"
    );
    check!(
        paging::unmap(va) == Err(MapError::NotMapped),
        "double unmap accepted"
    );
    check!(
        paging::map(0x1000, frame, Access::RW) == Err(MapError::BadAddress),
        "mapping outside kernel space accepted"
    );
    phys::free(frame)?;
    vspace::free(va, 1).map_err(|_| "vspace free")?;
    Ok(())
}

pub fn heap_stress() -> TestResult {
    let before = crate::mm::heap::stats();
    let mut rng = Rng::new(42);
    let mut live: Vec<(*mut u8, Layout, u8)> = Vec::with_capacity(600);
    for round in 0..4000u32 {
        if live.len() < 500 && (rng.below(3) != 0 || live.is_empty()) {
            let size = match rng.below(10) {
                0 => 1 + rng.below(64 * 1024),
                1..=3 => 1 + rng.below(2048),
                _ => 1 + rng.below(128),
            } as usize;
            let align = 1usize << rng.below(13);
            let layout = Layout::from_size_align(size, align).map_err(|_| "layout")?;
            // SAFETY: non-zero size layout.
            let p = unsafe { alloc::alloc::alloc(layout) };
            check!(
                !p.is_null(),
                "allocation of {size} bytes failed at round {round}"
            );
            check!((p as usize).is_multiple_of(align), "misaligned block");
            let tag = round as u8;
            // SAFETY: freshly allocated block of `size` bytes.
            unsafe { core::ptr::write_bytes(p, tag, size) };
            live.push((p, layout, tag));
        } else {
            let (p, layout, tag) = live.swap_remove(rng.below(live.len() as u64) as usize);
            // SAFETY: block is live with this layout.
            let bytes = unsafe { core::slice::from_raw_parts(p, layout.size()) };
            check!(bytes.iter().all(|&b| b == tag), "heap block overwritten");
            // SAFETY: allocated above with `layout`.
            unsafe { alloc::alloc::dealloc(p, layout) };
        }
    }
    for (p, layout, tag) in live {
        // SAFETY: as above.
        let ok = unsafe { core::slice::from_raw_parts(p, layout.size()) }
            .iter()
            .all(|&b| b == tag);
        check!(ok, "heap block overwritten");
        // SAFETY: as above.
        unsafe { alloc::alloc::dealloc(p, layout) };
    }
    let after = crate::mm::heap::stats();
    check!(
        after.used == before.used,
        "heap leaked: {} bytes in use, {} before",
        after.used,
        before.used
    );
    check!(
        after.holes <= before.holes + 1,
        "free holes did not coalesce: {} holes, {} before",
        after.holes,
        before.holes
    );
    Ok(())
}

/// Maps a fresh zeroed page on first touch and makes write-protected pages
/// writable on the first write, counting both: what the pager will do.
struct DemandPager {
    not_present: AtomicU32,
    write_protect: AtomicU32,
}

impl FaultHandler for DemandPager {
    fn on_fault(&self, info: &FaultInfo) -> FaultResult {
        let page = info.addr & !(PAGE_SIZE - 1);
        if !info.present {
            let Some(f) = phys::alloc_zeroed() else {
                return FaultResult::Unhandled;
            };
            if paging::map(page, f, Access::RO).is_err() {
                return FaultResult::Unhandled;
            }
            self.not_present.fetch_add(1, Ordering::SeqCst);
            FaultResult::Resolved
        } else if info.write {
            if paging::protect(page, Access::RW).is_err() {
                return FaultResult::Unhandled;
            }
            self.write_protect.fetch_add(1, Ordering::SeqCst);
            FaultResult::Resolved
        } else {
            crate::error!(
                "test",
                "unexpected fault at {:#x} (exec {}) from {:#x}",
                info.addr,
                info.exec,
                info.rip
            );
            FaultResult::Unhandled
        }
    }
}

pub fn page_fault_hook() -> TestResult {
    const PAGES: u64 = 8;
    let base = vspace::alloc(PAGES, PAGE_SIZE).map_err(|_| "no virtual space")?;
    let h = Arc::new(DemandPager {
        not_present: AtomicU32::new(0),
        write_protect: AtomicU32::new(0),
    });
    let id = fault::register(base, base + PAGES * PAGE_SIZE, h.clone())?;
    check!(
        fault::register(base, base + PAGE_SIZE, h.clone()).is_err(),
        "overlapping registration accepted"
    );
    // SAFETY: reads and writes in a registered range; the handler maps the pages.
    let (r0, r3) = unsafe {
        (
            (base as *const u64).read_volatile(),
            ((base + 3 * PAGE_SIZE + 16) as *const u64).read_volatile(),
        )
    };
    check!(r0 == 0 && r3 == 0, "demand-mapped pages are not zero");
    check!(
        h.not_present.load(Ordering::SeqCst) == 2,
        "expected 2 not-present faults"
    );
    // SAFETY: as above; page 0 is mapped read-only, so this write faults once.
    unsafe { (base as *mut u64).write_volatile(77) };
    // SAFETY: as above.
    let back = unsafe { (base as *const u64).read_volatile() };
    check!(back == 77, "write after the protection fault was lost");
    check!(
        h.write_protect.load(Ordering::SeqCst) == 1,
        "expected 1 write-protect fault"
    );
    // Write-protect again (as a snapshot does) and write once more.
    paging::protect(base, Access::RO).map_err(|_| "protect")?;
    // SAFETY: as above.
    unsafe { (base as *mut u64).write_volatile(78) };
    check!(
        h.write_protect.load(Ordering::SeqCst) == 2,
        "re-protected page did not fault on write"
    );
    check!(
        h.not_present.load(Ordering::SeqCst) == 2,
        "spurious not-present faults"
    );
    fault::unregister(id)?;
    for p in 0..PAGES {
        if let Ok(f) = paging::unmap(base + p * PAGE_SIZE) {
            phys::free(f)?;
        }
    }
    vspace::free(base, PAGES).map_err(|_| "vspace free")?;
    Ok(())
}
