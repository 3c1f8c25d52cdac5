//! Dirty tracking, copy-on-write and lazy restore on real memory, with
//! threads writing while snapshots are taken.

mod common;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::*};
use std::sync::Arc;
use std::thread;

use phantom_pager::file::FileDevice;
use phantom_pager::track::{restore_file, write_snapshot, Tracker, TrackerConfig};
use phantom_pager::{Pager, BLOCK_SIZE};

const PAGE: usize = BLOCK_SIZE;

fn one_page_units(copy_slots: usize) -> TrackerConfig {
    TrackerConfig {
        pages_per_unit: 1,
        copy_slots,
    }
}

/// A raw pointer that may cross threads (tests only).
#[derive(Clone, Copy)]
struct P(*mut u8);
unsafe impl Send for P {}
unsafe impl Sync for P {}

impl P {
    fn word(self, page: usize, i: usize) -> *mut u64 {
        unsafe { self.0.add(page * PAGE).cast::<u64>().add(i) }
    }
    fn fill(self, page: usize, v: u64) {
        for i in 0..PAGE / 8 {
            unsafe { self.word(page, i).write_volatile(v) };
        }
    }
    fn get(self, page: usize, i: usize) -> u64 {
        unsafe { self.word(page, i).read_volatile() }
    }
}

fn words(b: &[u8]) -> impl Iterator<Item = u64> + '_ {
    b.chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap()))
}

#[test]
fn only_written_pages_are_dirty() {
    let t = Tracker::new(64 * PAGE, one_page_units(4)).unwrap();
    let p = P(t.base());
    assert_eq!(t.begin_snapshot().unwrap(), Vec::<usize>::new());
    // Reads fault nothing.
    assert_eq!(p.get(5, 0), 0);
    p.fill(3, 7);
    p.fill(10, 8);
    unsafe { p.word(10, 3).write_volatile(9) };
    assert_eq!(t.dirty_units(), 2);
    assert_eq!(t.stats().write_faults, 2);
    let units = t.begin_snapshot().unwrap();
    assert_eq!(units, [3, 10]);
    // A second instant before the units are taken is refused.
    assert!(t.begin_snapshot().is_err());
    let mut buf = vec![0u8; PAGE];
    t.take(3, &mut buf);
    assert!(words(&buf).all(|w| w == 7));
    t.take(10, &mut buf);
    assert_eq!(words(&buf).nth(3), Some(9));
    assert_eq!(t.begin_snapshot().unwrap(), Vec::<usize>::new());
    p.fill(3, 1);
    assert_eq!(t.begin_snapshot().unwrap(), [3]);
    t.take(3, &mut buf);
    assert_eq!(t.stats().cow_copies, 0);
}

#[test]
fn a_write_during_the_snapshot_copies_the_page_first() {
    let t = Tracker::new(8 * PAGE, one_page_units(4)).unwrap();
    let p = P(t.base());
    p.fill(2, 1);
    let units = t.begin_snapshot().unwrap();
    assert_eq!(units, [2]);
    // The program goes on and writes before the writer gets there.
    p.fill(2, 2);
    assert_eq!(t.stats().cow_copies, 1);
    let mut buf = vec![0u8; PAGE];
    t.take(2, &mut buf);
    assert!(words(&buf).all(|w| w == 1), "snapshot sees the instant");
    assert_eq!(p.get(2, 0), 2, "the program sees its write");
    // Still dirty for the next snapshot, without another fault.
    assert_eq!(t.begin_snapshot().unwrap(), [2]);
    t.take(2, &mut buf);
    assert!(words(&buf).all(|w| w == 2));
}

/// Threads keep writing a counter into every page while snapshots are
/// taken; every snapshot must hold each page exactly as it was at the
/// instant (the writers are stopped then, so that is known).
fn hammer(pages: usize, slots: usize, rounds: usize) -> phantom_pager::track::TrackerStats {
    let t = Arc::new(Tracker::new(pages * PAGE, one_page_units(slots)).unwrap());
    let p = P(t.base());
    let stop = Arc::new(AtomicBool::new(false));
    let pause = Arc::new(AtomicBool::new(false));
    let parked = Arc::new(AtomicU64::new(0));
    let counter = Arc::new(AtomicU64::new(1));
    let threads: Vec<_> = (0..2)
        .map(|k| {
            let (stop, pause, parked, counter) =
                (stop.clone(), pause.clone(), parked.clone(), counter.clone());
            thread::spawn(move || {
                let mut n = k;
                while !stop.load(Acquire) {
                    if pause.load(Acquire) {
                        parked.fetch_add(1, AcqRel);
                        while pause.load(Acquire) {
                            thread::yield_now();
                        }
                        parked.fetch_sub(1, AcqRel);
                        continue;
                    }
                    let v = counter.fetch_add(1, Relaxed);
                    // Whole page, one value: a torn page is visible.
                    p.fill(n % pages, v);
                    n += 3;
                }
            })
        })
        .collect();
    let mut buf = vec![0u8; PAGE];
    let mut bad = Vec::new();
    for _ in 0..rounds {
        // Stop the world.
        pause.store(true, Release);
        while parked.load(Acquire) < 2 {
            thread::yield_now();
        }
        // Two threads may fill one page at once, so a page can hold two
        // values: the instant's contents are the whole region's bytes.
        let expect: Vec<u8> = unsafe { std::slice::from_raw_parts(p.0, pages * PAGE) }.to_vec();
        let units = t.begin_snapshot().unwrap();
        let at = counter.load(Acquire);
        pause.store(false, Release);
        // Let the threads write a while before the writer starts (until
        // one write has been copied aside, or 40 writes), then take pages
        // while they go on. Bounded: with few copy slots the threads soon
        // wait for the writer.
        let cows = t.stats().cow_copies;
        let t0 = std::time::Instant::now();
        while t.stats().cow_copies == cows
            && counter.load(Acquire) < at + 40
            && t0.elapsed().as_millis() < 20
        {
            std::thread::yield_now();
        }
        for &u in &units {
            t.take(u, &mut buf);
            if buf[..] != expect[u * PAGE..(u + 1) * PAGE] {
                bad.push(u);
            }
        }
    }
    stop.store(true, Release);
    pause.store(false, Release);
    for th in threads {
        th.join().unwrap();
    }
    assert!(bad.is_empty(), "pages not at their instant value: {bad:?}");
    t.stats()
}

#[test]
fn threads_keep_writing_while_snapshots_are_taken() {
    let s = hammer(64, 64, 200);
    assert!(s.cow_copies > 0, "{s:?}");
}

#[test]
fn a_tiny_copy_pool_makes_writers_wait_but_stays_exact() {
    let s = hammer(64, 1, 100);
    assert!(s.cow_copies > 0, "{s:?}");
}

#[test]
fn snapshots_go_to_an_image_and_restore_lazily() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("image");
    let pages = 256;
    let mut pager = Pager::create(FileDevice::create(&path).unwrap()).unwrap();
    let t = Tracker::new(pages * PAGE, TrackerConfig::default()).unwrap();
    let p = P(t.base());
    for pg in (0..pages).step_by(3) {
        p.fill(pg, pg as u64 + 1000);
    }
    let units = t.begin_snapshot().unwrap();
    write_snapshot(&t, &units, &mut pager, 1).unwrap();
    // Only page 9 changes; the program writes page 9 again during the
    // writing of snapshot 2 (after the instant): snapshot 2 has 77.
    p.fill(9, 77);
    let units = t.begin_snapshot().unwrap();
    assert_eq!(units, [9]);
    p.fill(9, 78);
    let st = write_snapshot(&t, &units, &mut pager, 2).unwrap();
    assert_eq!(st.data_blocks_written, 1);
    drop(pager);
    drop(t);

    let (pager, t) = restore_file(&path, pages * PAGE, TrackerConfig::default()).unwrap();
    assert_eq!(pager.generation(), 2);
    assert_eq!(t.absent_units(), pages);
    let p = P(t.base());
    assert_eq!(p.get(9, 100), 77);
    assert_eq!(p.get(3, 0), 1003);
    assert_eq!(p.get(4, 0), 0);
    assert_eq!(t.stats().loads, 3);
    // Several threads touch the same absent pages at once: each sees the
    // whole page.
    let hs: Vec<_> = (0..4)
        .map(|_| {
            thread::spawn(move || {
                for pg in 0..pages {
                    let want = if pg == 9 {
                        77
                    } else if pg % 3 == 0 {
                        pg as u64 + 1000
                    } else {
                        0
                    };
                    for i in [0, 255, 511] {
                        assert_eq!(p.get(pg, i), want, "page {pg}");
                    }
                }
            })
        })
        .collect();
    for h in hs {
        h.join().unwrap();
    }
    assert_eq!(t.stats().loads, pages as u64);
    assert_eq!(t.absent_units(), 0);
    // Restored pages are clean: nothing to write until something changes.
    assert_eq!(t.begin_snapshot().unwrap(), Vec::<usize>::new());
}

#[test]
fn a_restored_region_keeps_taking_incremental_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("image");
    let pages = 128;
    {
        let mut pager = Pager::create(FileDevice::create(&path).unwrap()).unwrap();
        let t = Tracker::new(pages * PAGE, TrackerConfig::default()).unwrap();
        let p = P(t.base());
        for pg in 0..pages {
            p.fill(pg, pg as u64 + 1);
        }
        let units = t.begin_snapshot().unwrap();
        write_snapshot(&t, &units, &mut pager, 1).unwrap();
    }
    for g in 2..6u64 {
        let (mut pager, t) = restore_file(&path, pages * PAGE, TrackerConfig::default()).unwrap();
        let p = P(t.base());
        // Page g was changed by the previous round.
        assert_eq!(
            p.get(g as usize - 1, 7),
            if g > 2 { g * 100 - 100 } else { 2 }
        );
        assert_eq!(p.get(100, 0), 101);
        p.fill(g as usize, g * 100);
        let units = t.begin_snapshot().unwrap();
        assert_eq!(units, [g as usize]);
        write_snapshot(&t, &units, &mut pager, g).unwrap();
        // Most pages were never loaded, yet the image is complete.
        assert!(t.stats().loads < 10);
        assert!(pager.check().unwrap().is_ok());
    }
    let (_pager, t) = restore_file(&path, pages * PAGE, TrackerConfig::default()).unwrap();
    t.load_all();
    let p = P(t.base());
    for pg in 0..pages {
        let want = if (2..6).contains(&pg) {
            pg as u64 * 100
        } else {
            pg as u64 + 1
        };
        assert_eq!(p.get(pg, 11), want, "page {pg}");
    }
}

#[test]
fn a_failed_snapshot_leaves_its_pages_dirty_for_the_next() {
    use phantom_pager::dev::MemDevice;
    use phantom_pager::fault::{CrashPolicy, Fault, FaultyDevice};
    let mut pager =
        Pager::create(FaultyDevice::new(MemDevice::new(), CrashPolicy::Random(1))).unwrap();
    let t = Tracker::new(16 * PAGE, one_page_units(4)).unwrap();
    let p = P(t.base());
    p.fill(1, 11);
    p.fill(2, 22);
    let units = t.begin_snapshot().unwrap();
    pager.device_mut_for_test().inject(Fault::FailWrite {
        nth: 1,
        blocks: 2..u64::MAX,
    });
    assert!(write_snapshot(&t, &units, &mut pager, 1).is_err());
    assert_eq!(pager.generation(), 0);
    assert_eq!(t.dirty_units(), 2);
    let units = t.begin_snapshot().unwrap();
    assert_eq!(units, [1, 2]);
    write_snapshot(&t, &units, &mut pager, 1).unwrap();
    let mut b = [0u8; BLOCK_SIZE];
    pager.read_page(2, &mut b).unwrap();
    assert!(words(&b).all(|w| w == 22));
}

#[test]
fn large_regions_use_larger_units() {
    // 1 GiB of address space (nothing is touched, so little is backed).
    let t = Tracker::new(1 << 30, TrackerConfig::default()).unwrap();
    assert!(t.units() <= 32_768, "{} units", t.units());
    assert!(t.pages_per_unit() >= 8);
    let p = P(t.base());
    p.fill(1000, 5);
    assert_eq!(t.begin_snapshot().unwrap(), [1000 / t.pages_per_unit()]);
}

/// A bad access outside every tracked region still kills the process with
/// SIGSEGV (the handler passes it on instead of looping or swallowing it).
/// Runs in a child process: this test binary, re-run for this test alone.
#[test]
fn a_fault_outside_the_regions_still_kills_the_process() {
    use std::os::unix::process::ExitStatusExt;
    if std::env::var_os("PAGER_TRACK_CHILD").is_some() {
        let _t = Tracker::new(4 * PAGE, one_page_units(1)).unwrap();
        let bad = 16usize as *mut u64;
        unsafe { bad.write_volatile(1) };
        // Not reached.
        std::process::exit(0);
    }
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "a_fault_outside_the_regions_still_kills_the_process",
        ])
        .env("PAGER_TRACK_CHILD", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // A handler that swallowed the fault would retry it forever.
    let t0 = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if t0.elapsed().as_secs() > 30 {
            child.kill().unwrap();
            panic!("the child hangs on a fault outside the regions");
        }
        thread::sleep(std::time::Duration::from_millis(10));
    };
    assert_eq!(status.signal(), Some(11), "child: {status:?}");
}
