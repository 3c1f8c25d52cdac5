//! The pieces of persistence on the kernel: the pager over a virtio-blk
//! partition (partition 2 of the scratch disk, which nothing else writes),
//! and the object memory's clean loading and dirty-page tracking.

use alloc::format;

use super::TestResult;
use crate::check;
use crate::dev::block::Slice;
use crate::dev::mbr;
use crate::runtime::region::KernelRegion;
use crate::runtime::store::StoreDisk;
use phantom_pager::{BlockDevice as _, Pager};

fn page(fill: u8) -> [u8; 4096] {
    let mut p = [fill; 4096];
    p[0] = fill.wrapping_add(1);
    p
}

/// Create, two snapshots, reopen after each (reading through the partition
/// again), and the image check.
pub fn pager_roundtrip() -> TestResult {
    let d = crate::dev::virtio_blk::first().ok_or("no virtio-blk disk attached")?;
    let parts = mbr::discover(&*d).map_err(|e| format!("reading the MBR: {e:?}"))?;
    let p = parts.get(1).ok_or("the scratch disk has no partition 2")?;
    let part =
        Slice::new(d, "store-test", p.start, p.sectors).ok_or("partition 2 beyond the disk")?;
    let mut dev = StoreDisk::new(part);
    check!(dev.blocks() == p.sectors / 8, "{} blocks", dev.blocks());
    check!(
        dev.grow(dev.blocks() + 1).is_err(),
        "a fixed partition grew"
    );
    let err = |e: phantom_pager::Error| format!("{e}");
    let zero = [0u8; 4096];
    dev.write(0, &zero).map_err(|e| format!("{e}"))?;
    let mut pager = Pager::create(dev).map_err(err)?;
    pager.begin(1).map_err(err)?;
    pager.write_page(0, &page(7)).map_err(err)?;
    pager.write_page(3, &page(9)).map_err(err)?;
    pager.commit().map_err(err)?;
    let mut pager = Pager::open(pager.into_device()).map_err(err)?;
    check!(pager.generation() == 1, "generation {}", pager.generation());
    let mut b = [0u8; 4096];
    pager.read_page(3, &mut b).map_err(err)?;
    check!(b == page(9), "page 3 read back differs");
    pager.read_page(1, &mut b).map_err(err)?;
    check!(b == zero, "an unwritten page is not zero");
    pager.begin(2).map_err(err)?;
    pager.write_page(0, &page(11)).map_err(err)?;
    pager.commit().map_err(err)?;
    let pager = Pager::open(pager.into_device()).map_err(err)?;
    pager.read_page(0, &mut b).map_err(err)?;
    check!(b == page(11), "page 0 of snapshot 2 differs");
    pager.read_page(3, &mut b).map_err(err)?;
    check!(b == page(9), "page 3 was not carried into snapshot 2");
    check!(
        pager.snapshots().len() == 2,
        "{} snapshots kept",
        pager.snapshots().len()
    );
    let report = pager.check().map_err(err)?;
    check!(report.is_ok(), "image check: {report:?}");
    Ok(())
}

/// Pages loaded from a snapshot are clean; pages the program writes are
/// found dirty once; while a snapshot is written, a protected page written
/// by the program is copied aside first; pages of a failed snapshot are
/// taken again.
pub fn dirty_tracking() -> TestResult {
    let region = KernelRegion::reserve(64 * 4096)?;
    let pages = region.pages();
    pages.fill(2, &page(5))?;
    check!(pages.fill(2, &page(5)).is_err(), "a page was loaded twice");
    check!(
        pages.fill(64, &page(5)).is_err(),
        "a page beyond the region was loaded"
    );
    check!(
        pages.protect_dirty(&[]).is_empty(),
        "a loaded page is dirty"
    );
    let cells = phantom_vm::heap::Region::cells(&region);
    check!(cells == 64 * 1024, "{cells} cells");
    let mut region = region;
    let base = phantom_vm::heap::Region::base(&mut region);
    // SAFETY: cells 5 * 1024 and 2 * 1024 + 1 are in pages 5 and 2 of the
    // region; page 5 is mapped on this first touch by its fault handler.
    let cell = |c: usize| unsafe { base.add(c) };
    unsafe {
        cell(5 * 1024).write_volatile(42);
        check!(
            cell(2 * 1024 + 1).read_volatile() == u32::from_le_bytes([5; 4]),
            "page 2 does not hold the loaded data"
        );
    }
    let instant = pages.protect_dirty(&[]);
    check!(instant == [5], "pages of the instant {instant:?}");
    // The program writes page 5 while the snapshot is being written: the
    // write faults once, the page's contents at the instant are kept.
    // SAFETY: as above; the fault handler copies the page and unprotects it.
    unsafe {
        cell(5 * 1024).write_volatile(43);
        cell(5 * 1024 + 1).write_volatile(44);
        check!(cell(5 * 1024).read_volatile() == 43, "the write was lost");
    }
    let at_instant = pages.take_page(5);
    check!(
        at_instant[..4] == 42u32.to_le_bytes() && at_instant[4..8] == [0; 4],
        "page 5 as written is not its contents at the instant"
    );
    let next = pages.protect_dirty(&[]);
    check!(
        next == [5],
        "the write during the snapshot was not seen: {next:?}"
    );
    let again = pages.take_page(5);
    check!(
        again[..8] == [43, 0, 0, 0, 44, 0, 0, 0],
        "page 5 unchanged since the instant differs"
    );
    check!(pages.protect_dirty(&[]).is_empty(), "a page stayed dirty");
    let retried = pages.protect_dirty(&[2]);
    check!(retried == [2], "a page to take again was not: {retried:?}");
    check!(*pages.take_page(2) == page(5), "page 2 differs");
    // SAFETY: as above; page 2 is writable again after take_page.
    unsafe { cell(2 * 1024).write_volatile(1) };
    check!(pages.protect_dirty(&[]) == [2], "page 2's write not seen");
    let _ = pages.take_page(2);
    Ok(())
}

/// A thread touching a page still to load is parked in the page-fault
/// handler until the page is filled, then retries and reads the data;
/// other pages are zero-filled as usual.
pub fn lazy_page_in() -> TestResult {
    use alloc::sync::Arc;
    use core::sync::atomic::{AtomicU32, Ordering};

    use crate::task::sched::{self, Priority};

    let region = KernelRegion::reserve_lazy(16 * 4096, [3u64].into_iter().collect())?;
    let pages = region.pages();
    let lazy = region.lazy().ok_or("no pages to load")?;
    check!(lazy.wanted(3) && lazy.remaining() == 1, "page 3 not listed");
    let mut region = region;
    let base = phantom_vm::heap::Region::base(&mut region) as usize;
    let seen = Arc::new(AtomicU32::new(0));
    let seen2 = seen.clone();
    let t = sched::spawn("lazy-reader", Priority::NORMAL, move || {
        let cell = base as *const u32;
        // SAFETY: page 1 is zero-filled on touch; page 3 is loaded for us
        // (this thread is parked until then).
        let (zero, loaded) = unsafe {
            (
                cell.add(1024).read_volatile(),
                cell.add(3 * 1024 + 1).read_volatile(),
            )
        };
        seen2.store(if zero == 0 { loaded } else { 1 }, Ordering::SeqCst);
    })?;
    // The reader faults on page 3 and waits in the loader's queue.
    let mut parked = None;
    for _ in 0..200 {
        if let Some(f) = lazy.next_fault() {
            parked = Some(f);
            break;
        }
        sched::sleep_ms(1);
    }
    let (index, tok) = parked.ok_or("the reader did not fault on page 3")?;
    check!(index == 3, "fault on page {index}");
    check!(
        seen.load(Ordering::SeqCst) == 0,
        "the reader went on before its page was loaded"
    );
    pages.fill(3, &page(8))?;
    check!(
        !lazy.wanted(3) && lazy.remaining() == 0,
        "page 3 still listed"
    );
    sched::wake(tok);
    check!(
        t.join_timeout(2000),
        "the reader did not finish after its page came"
    );
    check!(
        seen.load(Ordering::SeqCst) == u32::from_le_bytes([8; 4]),
        "the reader saw {:#x}",
        seen.load(Ordering::SeqCst)
    );
    Ok(())
}
