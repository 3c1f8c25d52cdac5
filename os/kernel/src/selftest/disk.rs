//! Disk tests against the scratch image `cargo xtask test` attaches (layout
//! in xtask/src/disk.rs): MBR discovery, a write/flush/read round trip that
//! xtask verifies on the host afterwards, and many concurrent async requests.

use alloc::boxed::Box;
use alloc::format;
use alloc::sync::Arc;
use alloc::vec;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicU32, Ordering};

use super::TestResult;
use crate::check;
use crate::dev::block::{self, BlockDevice, DmaBuf, Op, Request, Slice, SECTOR};
use crate::dev::mbr;
use crate::sync::sema::Semaphore;

const SCRATCH_TYPE: u8 = 0xda;
const MARKER: &[u8] = b"PHANTOM-SCRATCH:";
const WRITTEN: &[u8] = b"PHANTOM-WRITTEN:";

fn disk() -> Result<Arc<dyn BlockDevice>, alloc::string::String> {
    let d = crate::dev::virtio_blk::first().ok_or("no virtio-blk disk attached")?;
    Ok(d)
}

fn scratch() -> Result<(Slice, u64), alloc::string::String> {
    let d = disk()?;
    let parts = mbr::discover(&*d).map_err(|e| format!("reading the MBR: {e:?}"))?;
    let p = parts
        .iter()
        .find(|p| p.kind == SCRATCH_TYPE)
        .ok_or("no scratch partition (type 0xDA)")?;
    let slice = Slice::new(d, "scratch", p.start, p.sectors).ok_or("partition beyond the disk")?;
    let mut s0 = [0u8; SECTOR];
    block::read_sync(&slice, 0, &mut s0).map_err(|e| format!("reading the marker: {e:?}"))?;
    check!(s0.starts_with(MARKER), "scratch partition has no marker");
    let hex =
        core::str::from_utf8(&s0[MARKER.len()..MARKER.len() + 16]).map_err(|_| "bad nonce")?;
    let nonce = u64::from_str_radix(hex, 16).map_err(|_| "bad nonce")?;
    Ok((slice, nonce))
}

pub fn partitions() -> TestResult {
    let d = disk()?;
    let parts = mbr::discover(&*d).map_err(|e| format!("{e:?}"))?;
    check!(
        parts.len() == 2,
        "found {} partitions, expected 2: {parts:?}",
        parts.len()
    );
    check!(
        parts[0].kind == SCRATCH_TYPE && parts[0].start == 2048 && parts[0].sectors == 8192,
        "partition 1: {:?}",
        parts[0]
    );
    check!(
        parts[1].kind == 0x83 && parts[1].start == 2048 + 8192,
        "partition 2: {:?}",
        parts[1]
    );
    check!(
        parts[1].start + parts[1].sectors == d.sectors(),
        "partition 2 does not end at the disk's end"
    );
    let mut bad = [0u8; SECTOR];
    check!(
        mbr::parse(&bad, 100).is_none(),
        "sector without signature parsed as MBR"
    );
    bad[510] = 0x55;
    bad[511] = 0xaa;
    check!(
        mbr::parse(&bad, 100) == Some(Vec::new()),
        "empty table not empty"
    );
    for p in &parts {
        crate::info!(
            "disk",
            "{}: partition {} type {:#04x} at {} ({} sectors)",
            d.name(),
            p.index,
            p.kind,
            p.start,
            p.sectors
        );
    }
    Ok(())
}

pub fn roundtrip() -> TestResult {
    let (slice, nonce) = scratch()?;
    let mut data = vec![0u8; 8 * SECTOR];
    let head = format!("PHANTOM-WRITTEN:{nonce:016x}");
    data[..head.len()].copy_from_slice(head.as_bytes());
    for (i, b) in data.iter_mut().enumerate().skip(32) {
        *b = (i as u8).wrapping_mul(31) ^ nonce as u8;
    }
    block::write_sync(&slice, 1, &data).map_err(|e| format!("write: {e:?}"))?;
    block::flush_sync(&slice).map_err(|e| format!("flush: {e:?}"))?;
    let mut back = vec![0u8; 8 * SECTOR];
    block::read_sync(&slice, 1, &mut back).map_err(|e| format!("read: {e:?}"))?;
    check!(back == data, "read back differs from what was written");
    check!(back.starts_with(WRITTEN), "header missing");
    let mut past = [0u8; SECTOR];
    check!(
        block::read_sync(&slice, slice.sectors(), &mut past).is_err(),
        "read past the partition end succeeded"
    );
    Ok(())
}

pub fn async_requests() -> TestResult {
    let (slice, _) = scratch()?;
    let slice = Arc::new(slice);
    // Give sectors 100..400 distinct contents, in 300 concurrent writes (more
    // than the virtqueue holds, so some wait in the driver's queue).
    const N: u32 = 300;
    let done = Arc::new(Semaphore::new(0));
    let errors = Arc::new(AtomicU32::new(0));
    for i in 0..N {
        let mut buf = DmaBuf::new(SECTOR).map_err(|e| format!("{e:?}"))?;
        buf.as_mut_slice().fill(i as u8);
        buf.as_mut_slice()[..4].copy_from_slice(&i.to_le_bytes());
        let (d, e) = (done.clone(), errors.clone());
        slice.submit(Request {
            op: Op::Write,
            sector: 100 + u64::from(i),
            buf,
            done: Box::new(move |c| {
                if c.result.is_err() || c.op != Op::Write {
                    e.fetch_add(1, Ordering::SeqCst);
                }
                d.release();
            }),
        });
    }
    for k in 0..N {
        check!(
            done.acquire_timeout(10_000),
            "only {k} of {N} writes completed"
        );
    }
    check!(
        errors.load(Ordering::SeqCst) == 0,
        "{} writes failed",
        errors.load(Ordering::SeqCst)
    );
    // Read them back concurrently; each callback checks its own sector.
    let mismatches = Arc::new(AtomicU32::new(0));
    for i in 0..N {
        let buf = DmaBuf::new(SECTOR).map_err(|e| format!("{e:?}"))?;
        let (d, m) = (done.clone(), mismatches.clone());
        slice.submit(Request {
            op: Op::Read,
            sector: 100 + u64::from(i),
            buf,
            done: Box::new(move |c| {
                let s = c.buf.as_slice();
                let ok = c.result.is_ok()
                    && c.sector == 100 + u64::from(i)
                    && s[..4] == i.to_le_bytes()
                    && s[4..].iter().all(|&b| b == i as u8);
                if !ok {
                    m.fetch_add(1, Ordering::SeqCst);
                }
                d.release();
            }),
        });
    }
    for k in 0..N {
        check!(
            done.acquire_timeout(10_000),
            "only {k} of {N} reads completed"
        );
    }
    check!(
        mismatches.load(Ordering::SeqCst) == 0,
        "{} sectors read back wrong",
        mismatches.load(Ordering::SeqCst)
    );
    // An invalid request completes with an error instead of reaching the device.
    let bad = Arc::new(Semaphore::new(0));
    let flagged = Arc::new(AtomicU32::new(0));
    let (b, f) = (bad.clone(), flagged.clone());
    slice.submit(Request {
        op: Op::Read,
        sector: 0,
        buf: DmaBuf::new(100).map_err(|e| format!("{e:?}"))?,
        done: Box::new(move |c| {
            if c.result.is_err() {
                f.fetch_add(1, Ordering::SeqCst);
            }
            b.release();
        }),
    });
    check!(
        bad.acquire_timeout(1000) && flagged.load(Ordering::SeqCst) == 1,
        "partial-sector request was not rejected"
    );
    Ok(())
}
