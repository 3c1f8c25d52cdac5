//! The persistent object store: partition 2 of the boot disk (MBR type
//! [`STORE_TYPE`]) holds snapshots of the object memory in the hosted
//! image format (`os/pager`, `docs/image-format.md`), so `phantom image
//! check` reads it on the host once the partition is copied out.
//!
//! A snapshot has two steps, as hosted (`os/phantom/src/persist.rs`):
//! 1. **the instant**, holding the VM lock (every VM thread is stopped at a
//!    safepoint): the threads' states go into the object memory
//!    (`Vm::save_threads`), and the pages written since the last instant
//!    (the page tables' dirty bits) are write-protected. This is the pause;
//! 2. **the write**, on the snapshot thread without the lock, copy-on-write
//!    (`region.rs`): each page as the instant left it goes to the store,
//!    then the commit (data, flush, superblock, flush) makes the snapshot
//!    durable.
//!
//! Continuing: the object memory is demand-paged from the newest snapshot
//! ([`Loader`]; a thread touching a page not loaded yet is parked in the
//! page-fault handler until the loader has read it), the VM reattaches and
//! its threads go on where the instant caught them.

use alloc::collections::BTreeSet;
use alloc::string::{String, ToString};
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicBool, Ordering};
use phantom_pager::dev::Block;

use phantom_pager::format::FIRST_DATA_BLOCK;
use phantom_pager::{DevError, Pager, SnapshotInfo, BLOCK_SIZE};

use super::host::Console;
use super::region::{Lazy, PageRange};
use super::sched::Sched;
use crate::dev::block::{self, Slice, SECTOR};
use crate::dev::{mbr, virtio_blk};
use crate::sync::mutex::Mutex;
use crate::sync::sema::Semaphore;
use crate::sync::spin::SpinLock;
use crate::task::sched::{self as ksched, JoinHandle, Priority};
use crate::{info, rtc, time, warn};

/// MBR partition type of the object store.
pub const STORE_TYPE: u8 = 0x7f;
/// Disk sectors per store block.
const SECTORS_PER_BLOCK: u64 = (BLOCK_SIZE / SECTOR) as u64;
/// Blocks per write request of a run.
const RUN_BLOCKS: usize = 16;

/// The store partition as the pager's block device (4096-byte blocks; its
/// size is fixed: growing beyond it is "no space").
pub struct StoreDisk {
    part: Slice,
    blocks: u64,
}

fn part_sectors(part: &Slice) -> u64 {
    block::BlockDevice::sectors(part)
}

fn io(what: &str, e: block::IoError) -> DevError {
    DevError::Io(alloc::format!("{what}: {e:?}"))
}

impl phantom_pager::BlockDevice for StoreDisk {
    fn blocks(&self) -> u64 {
        self.blocks
    }

    fn grow(&mut self, blocks: u64) -> Result<(), DevError> {
        if blocks <= self.blocks {
            Ok(())
        } else {
            Err(DevError::NoSpace)
        }
    }

    fn read(&self, index: u64, buf: &mut Block) -> Result<(), DevError> {
        self.check(index, 1)?;
        block::read_sync(&self.part, index * SECTORS_PER_BLOCK, buf)
            .map_err(|e| io("reading the store", e))
    }

    fn write(&mut self, index: u64, buf: &Block) -> Result<(), DevError> {
        self.check(index, 1)?;
        block::write_sync(&self.part, index * SECTORS_PER_BLOCK, buf)
            .map_err(|e| io("writing the store", e))
    }

    fn write_run(&mut self, first: u64, data: &[u8]) -> Result<(), DevError> {
        let n = (data.len() / BLOCK_SIZE) as u64;
        self.check(first, n)?;
        for (i, chunk) in data.chunks(RUN_BLOCKS * BLOCK_SIZE).enumerate() {
            let at = first + (i * RUN_BLOCKS) as u64;
            block::write_sync(&self.part, at * SECTORS_PER_BLOCK, chunk)
                .map_err(|e| io("writing the store", e))?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), DevError> {
        block::flush_sync(&self.part).map_err(|e| io("flushing the store", e))
    }
}

impl StoreDisk {
    /// The pager's view of a partition (whole 4096-byte blocks).
    pub fn new(part: Slice) -> StoreDisk {
        let blocks = part_sectors(&part) / SECTORS_PER_BLOCK;
        StoreDisk { part, blocks }
    }

    fn check(&self, first: u64, n: u64) -> Result<(), DevError> {
        if first.saturating_add(n) > self.blocks {
            return Err(DevError::OutOfRange {
                block: first + n.saturating_sub(1),
                blocks: self.blocks,
            });
        }
        Ok(())
    }
}

/// An opened store and the snapshot to continue, if it holds one.
pub struct Store {
    /// The image.
    pub pager: Pager<StoreDisk>,
    /// The newest snapshot.
    pub resumed: Option<SnapshotInfo>,
    /// MBR partition number, for messages.
    pub partition: u8,
}

/// Opens the store partition of the boot disk: `None` if the disk has
/// none. A partition that is all zeros where the superblocks go is
/// formatted; anything else must be an image.
pub fn open() -> Result<Option<Store>, String> {
    let Some(disk) = virtio_blk::first() else {
        return Ok(None);
    };
    let parts = mbr::discover(&*disk).map_err(|e| alloc::format!("reading the MBR: {e:?}"))?;
    let Some(p) = parts.iter().find(|p| p.kind == STORE_TYPE) else {
        return Ok(None);
    };
    let part = Slice::new(disk.clone(), "store", p.start, p.sectors)
        .ok_or("the store partition lies beyond the disk")?;
    let dev = StoreDisk::new(part);
    let what =
        |e: phantom_pager::Error| alloc::format!("object store (partition {}): {e}", p.index);
    let mut fresh = true;
    let mut b = phantom_pager::dev::zero_block();
    for s in 0..FIRST_DATA_BLOCK {
        phantom_pager::BlockDevice::read(&dev, s, &mut b).map_err(|e| alloc::format!("{e}"))?;
        fresh &= b.iter().all(|&x| x == 0);
    }
    let pager = if fresh {
        info!(
            "store",
            "formatting the object store on partition {}", p.index
        );
        Pager::create(dev).map_err(what)?
    } else {
        Pager::open(dev).map_err(what)?
    };
    let resumed = pager.snapshots().into_iter().find(|s| s.newest);
    Ok(Some(Store {
        pager,
        resumed,
        partition: p.index,
    }))
}

/// The pager, shared by the snapshot writer and the loader of a continued
/// snapshot's pages.
pub type SharedPager = Arc<Mutex<Pager<StoreDisk>>>;

/// The pages of the newest snapshot that hold data (the others read as
/// zeros and are zero-filled on first touch).
pub fn stored_pages(pager: &Pager<StoreDisk>) -> BTreeSet<u64> {
    pager
        .page_entries()
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.is_zero())
        .map(|(i, _)| i as u64)
        .collect()
}

/// The loader thread of a continued snapshot: serves the faults of threads
/// parked on a page not loaded yet, and loads the other pages in the
/// background, until every page is in. Pages not loaded yet were never
/// written, so the newest snapshot, whichever it is by then, holds them as
/// the continued one did.
pub struct Loader {
    stop: Arc<AtomicBool>,
    thread: JoinHandle,
}

impl Loader {
    /// Starts loading `pages` (a region made with `reserve_lazy`).
    pub fn start(
        pager: SharedPager,
        pages: PageRange,
        lazy: Arc<Lazy>,
    ) -> Result<Loader, &'static str> {
        let stop = Arc::new(AtomicBool::new(false));
        let (stop2, lazy2) = (stop.clone(), lazy);
        let t0 = time::uptime_ms();
        let total = lazy2.remaining();
        // Below the VM threads: background loading yields to the program,
        // and a thread parked on a page leaves the CPU to the loader.
        let thread = ksched::spawn_with_stack("loader", Priority::Timesharing(6), 32, move || {
            let mut b = phantom_pager::dev::zero_block();
            let mut load = |i: u64| -> Result<(), String> {
                if !lazy2.wanted(i) {
                    return Ok(());
                }
                pager
                    .lock()
                    .read_page(i, &mut b)
                    .map_err(|e| alloc::format!("reading snapshot page {i}: {e}"))?;
                pages.fill(i, &b).map_err(String::from)
            };
            let mut faults = 0u64;
            loop {
                if stop2.load(Ordering::SeqCst) {
                    return;
                }
                if let Some((i, tok)) = lazy2.next_fault() {
                    if let Err(e) = load(i) {
                        crate::error!("store", "{e}");
                        return;
                    }
                    ksched::wake(tok);
                    faults += 1;
                    continue;
                }
                match lazy2.next_page() {
                    Some(i) => {
                        if let Err(e) = load(i) {
                            crate::error!("store", "{e}");
                            return;
                        }
                    }
                    None => {
                        info!(
                            "store",
                            "{total} snapshot pages loaded in {} ms, {faults} on demand",
                            time::uptime_ms() - t0
                        );
                        return;
                    }
                }
            }
        })?;
        Ok(Loader { stop, thread })
    }

    /// Stops the loader (before the object memory goes away) and waits for it.
    pub fn stop(self) {
        self.stop.store(true, Ordering::SeqCst);
        while !self.thread.join_timeout(60_000) {}
    }
}

/// The snapshot thread: a snapshot every interval and a last one at the end.
pub struct Snapshots {
    stop: Arc<Semaphore>,
    stopping: Arc<AtomicBool>,
    thread: JoinHandle,
    /// The last durable generation and the last error.
    outcome: Arc<SpinLock<(u64, Option<String>)>>,
}

struct Writer {
    sched: Arc<Sched>,
    console: Console,
    pager: SharedPager,
    pages: PageRange,
    /// Pages of a failed snapshot: written again by the next one, since
    /// their dirty bits were cleared.
    retry: Vec<u64>,
}

impl Snapshots {
    /// Starts the snapshot thread: one snapshot every `interval_ms` (only
    /// the last one if `None`).
    pub fn start(
        sched: Arc<Sched>,
        console: Console,
        pager: SharedPager,
        pages: PageRange,
        interval_ms: Option<u64>,
    ) -> Result<Snapshots, &'static str> {
        let durable = pager.lock().generation();
        let stop = Arc::new(Semaphore::new(0));
        let stopping = Arc::new(AtomicBool::new(false));
        let outcome = Arc::new(SpinLock::new((durable, None)));
        let mut w = Writer {
            sched,
            console,
            pager,
            pages,
            retry: Vec::new(),
        };
        let (stop2, stopping2, outcome2) = (stop.clone(), stopping.clone(), outcome.clone());
        let thread = ksched::spawn_with_stack("snapshots", Priority::NORMAL, 32, move || loop {
            let last = match interval_ms {
                Some(ms) => stop2.acquire_timeout(ms),
                None => {
                    stop2.acquire();
                    true
                }
            };
            let last = last || stopping2.load(Ordering::SeqCst);
            let r = w.snapshot();
            let mut o = outcome2.lock();
            match r {
                Ok(g) => *o = (g, None),
                Err(e) => {
                    warn!("store", "snapshot failed: {e}");
                    o.1 = Some(e);
                }
            }
            drop(o);
            if last {
                return;
            }
        })?;
        Ok(Snapshots {
            stop,
            stopping,
            thread,
            outcome,
        })
    }

    /// Takes a last snapshot and stops the thread: the durable generation,
    /// or why the last snapshot failed.
    pub fn finish(self) -> Result<u64, String> {
        self.stopping.store(true, Ordering::SeqCst);
        self.stop.release();
        while !self.thread.join_timeout(60_000) {}
        let o = self.outcome.lock();
        match &o.1 {
            None => Ok(o.0),
            Some(e) => Err(e.clone()),
        }
    }
}

impl Writer {
    fn snapshot(&mut self) -> Result<u64, String> {
        let generation = self.pager.lock().info().max_generation + 1;
        let asked = time::uptime_us();
        let mut retry = core::mem::take(&mut self.retry);
        retry.sort_unstable();
        retry.dedup();
        let pages = &self.pages;
        let console = self.console;
        let taken = self.sched.with_vm(|vm| {
            let stopped = time::uptime_us();
            if let Err(x) = vm.save_threads() {
                vm.heap.dec(x);
                return Err("out of object memory while saving the threads' states".to_string());
            }
            // Counted before the instant, so that the snapshot holds its
            // own count (`.internal.stat` counter 1).
            vm.host_handles.counters.snapshots += 1;
            console.snapshot_event(b'I', generation);
            Ok((pages.protect_dirty(&retry), stopped))
        });
        let (indices, stopped) = match taken {
            Ok(t) => t,
            Err(e) => {
                self.retry = retry;
                return Err(e);
            }
        };
        let paused = time::uptime_us();
        let r = self.write(generation, &indices);
        let wrote = time::uptime_us();
        match r {
            Ok(()) => {
                self.console.snapshot_event(b'D', generation);
                info!(
                    "store",
                    "snapshot {generation} durable: {} pages, stop {} us, pause {} us, write {} ms",
                    indices.len(),
                    stopped - asked,
                    paused - stopped,
                    (wrote - paused) / 1000
                );
                Ok(generation)
            }
            Err(e) => {
                self.retry = indices;
                Err(e)
            }
        }
    }

    /// Writes the pages of the instant (each taken, so unprotected, even
    /// after an error) and commits.
    fn write(&mut self, generation: u64, indices: &[u64]) -> Result<(), String> {
        let mut guard = self.pager.lock();
        let p = &mut *guard;
        let pages = &self.pages;
        let mut r = p.begin(generation);
        for &i in indices {
            let page = pages.take_page(i);
            if r.is_ok() {
                r = p.write_page(i, &page);
            }
        }
        let r = r
            .and_then(|()| p.set_time(rtc::wall_ms()))
            .and_then(|()| p.commit().map(|_| ()));
        // After a failed commit the store still says which snapshot is
        // durable (the superblock is written last); this one is dropped and
        // its pages go into the next.
        r.map_err(|e| {
            p.abort();
            e.to_string()
        })
    }
}
