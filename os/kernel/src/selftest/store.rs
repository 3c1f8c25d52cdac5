//! The pieces of persistence on the kernel: the pager over a virtio-blk
//! partition (partition 2 of the scratch disk, which nothing else writes),
//! and the object memory's clean loading and dirty-page tracking.

use alloc::format;
use alloc::vec;

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
/// found dirty once; pages of a failed snapshot are copied again.
pub fn dirty_tracking() -> TestResult {
    let region = KernelRegion::reserve(64 * 4096)?;
    let pages = region.pages();
    pages.fill(2, &page(5))?;
    check!(pages.fill(2, &page(5)).is_err(), "a page was loaded twice");
    check!(
        pages.fill(64, &page(5)).is_err(),
        "a page beyond the region was loaded"
    );
    check!(pages.take_dirty(&[]).is_empty(), "a loaded page is dirty");
    let base = phantom_vm::heap::Region::cells(&region);
    check!(base == 64 * 1024, "{base} cells");
    let mut region = region;
    let cells = phantom_vm::heap::Region::base(&mut region);
    // SAFETY: cell 5 * 1024 is page 5 of the region, mapped on this first
    // touch by the region's fault handler; cell 2 * 1024 + 1 is in page 2.
    unsafe {
        cells.add(5 * 1024).write_volatile(42);
        check!(
            cells.add(2 * 1024 + 1).read_volatile() == u32::from_le_bytes([5; 4]),
            "page 2 does not hold the loaded data"
        );
    }
    let dirty = pages.take_dirty(&[]);
    check!(
        dirty.iter().map(|(i, _)| *i).collect::<vec::Vec<_>>() == [5],
        "dirty pages {:?}",
        dirty.iter().map(|(i, _)| *i).collect::<vec::Vec<_>>()
    );
    check!(
        dirty[0].1[..4] == 42u32.to_le_bytes(),
        "the copy of page 5 lacks the write"
    );
    check!(pages.take_dirty(&[]).is_empty(), "a page stayed dirty");
    let again = pages.take_dirty(&[2]);
    check!(
        again.len() == 1 && again[0].0 == 2 && *again[0].1 == page(5),
        "a page to copy again was not copied"
    );
    Ok(())
}
