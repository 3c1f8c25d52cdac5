//! Fault injection: every failure is reported and the previous snapshot
//! survives and opens.

mod common;

use common::*;
use phantom_pager::dev::MemDevice;
use phantom_pager::fault::{CrashPolicy, Fault, FaultyDevice};
use phantom_pager::{DevError, Error, Pager, BLOCK_SIZE};

type Dev = FaultyDevice<MemDevice>;

/// An image with generations 1 and 2 committed; returns the models.
fn setup(policy: CrashPolicy) -> (Pager<Dev>, Model, Model) {
    let mut p = Pager::create(FaultyDevice::new(MemDevice::new(), policy)).unwrap();
    let m1: Model = (0..40).map(|n| (n, 1)).collect();
    snapshot(&mut p, 1, &m1).unwrap();
    let c2: Model = (0..40).step_by(3).map(|n| (n, 2)).collect();
    snapshot(&mut p, 2, &c2).unwrap();
    let mut m2 = m1.clone();
    m2.extend(c2);
    (p, m1, m2)
}

fn changes3() -> Model {
    (0..60).map(|n| (n, 3)).collect()
}

/// Reopens the medium after a crash; checks the newest snapshot and, when
/// given, the one before it.
fn reopen_expect(
    dev: Dev,
    gen: u64,
    newest: &Model,
    previous: Option<(u64, &Model)>,
) -> Pager<MemDevice> {
    let p = Pager::open(dev.into_inner()).unwrap();
    assert_eq!(p.generation(), gen);
    assert_newest(&p, newest, 64);
    if let Some((g, m)) = previous {
        assert_snapshot(&p, g, m, 64);
    }
    assert_sound(&p);
    p
}

#[test]
fn a_torn_superblock_write_leaves_the_previous_snapshot() {
    for bytes in [0, 1, 511, 512, 2048, 4091, 4092, 4095] {
        for policy in [
            CrashPolicy::LoseAll,
            CrashPolicy::KeepAll,
            CrashPolicy::Random(bytes as u64),
        ] {
            let (mut p, m1, m2) = setup(policy);
            p.device_mut_for_test().inject(Fault::TornWrite {
                nth: 0,
                blocks: 0..2,
                bytes,
            });
            let e = snapshot(&mut p, 3, &changes3()).unwrap_err();
            assert!(
                matches!(
                    e,
                    Error::Device {
                        error: DevError::Crashed,
                        ..
                    }
                ),
                "{e}"
            );
            // Unknown outcome: the pager refuses to go on.
            assert!(matches!(p.begin(4), Err(Error::Poisoned(_))));
            let dev = p.into_device();
            reopen_expect(dev, 2, &m2, Some((1, &m1)));
        }
    }
}

#[test]
fn a_superblock_write_that_lands_whole_before_the_crash_commits() {
    let (mut p, _, m2) = setup(CrashPolicy::LoseAll);
    p.device_mut_for_test().inject(Fault::TornWrite {
        nth: 0,
        blocks: 0..2,
        bytes: BLOCK_SIZE,
    });
    assert!(snapshot(&mut p, 3, &changes3()).is_err());
    let mut m3 = m2.clone();
    m3.extend(changes3());
    reopen_expect(p.into_device(), 3, &m3, Some((2, &m2)));
}

#[test]
fn a_crash_before_the_superblock_write_leaves_the_previous_snapshot() {
    for policy in [
        CrashPolicy::LoseAll,
        CrashPolicy::KeepAll,
        CrashPolicy::Random(7),
    ] {
        let (mut p, m1, m2) = setup(policy);
        p.device_mut_for_test().inject(Fault::CrashBeforeWrite {
            nth: 0,
            blocks: 0..2,
        });
        assert!(snapshot(&mut p, 3, &changes3()).is_err());
        reopen_expect(p.into_device(), 2, &m2, Some((1, &m1)));
    }
}

#[test]
fn a_failed_data_write_abandons_the_snapshot_and_the_pager_goes_on() {
    // 60 data blocks, then one map block (write 60).
    for nth in [0, 5, 59, 60] {
        let (mut p, m1, m2) = setup(CrashPolicy::Random(nth));
        // Blocks from 2 on: data and map blocks, never a superblock.
        p.device_mut_for_test().inject(Fault::FailWrite {
            nth,
            blocks: 2..u64::MAX,
        });
        let e = snapshot(&mut p, 3, &changes3()).unwrap_err();
        assert!(
            matches!(&e, Error::Device { error: DevError::Io(m), .. } if m.contains("injected")),
            "{e}"
        );
        assert!(e.to_string().contains("writing blocks"), "{e}");
        assert_eq!(p.info().pending, None);
        assert_eq!(p.generation(), 2);
        assert_newest(&p, &m2, 64);
        assert_sound(&p);
        // The same generation can be tried again.
        snapshot(&mut p, 3, &changes3()).unwrap();
        let mut m3 = m2.clone();
        m3.extend(changes3());
        assert_sound(&p);
        reopen_expect(p.into_device(), 3, &m3, Some((2, &m2)));
        let _ = m1;
    }
}

#[test]
fn a_failed_data_flush_abandons_the_snapshot_and_the_previous_survives() {
    let (mut p, m1, m2) = setup(CrashPolicy::Random(99));
    p.device_mut_for_test().inject(Fault::FailFlush { nth: 0 });
    let e = snapshot(&mut p, 3, &changes3()).unwrap_err();
    assert!(
        e.to_string().contains("flushing data and map blocks"),
        "{e}"
    );
    assert_eq!(p.generation(), 2);
    assert_sound(&p);
    // The machine dies right after: the image holds generation 2.
    reopen_expect(p.into_device(), 2, &m2, Some((1, &m1)));
}

#[test]
fn a_failed_superblock_flush_poisons_and_reopening_finds_one_complete_snapshot() {
    for seed in 0..12 {
        let (mut p, _, m2) = setup(CrashPolicy::Random(seed));
        // Flush 0 is the data flush, flush 1 the superblock's.
        p.device_mut_for_test().inject(Fault::FailFlush { nth: 1 });
        let e = snapshot(&mut p, 3, &changes3()).unwrap_err();
        assert!(e.to_string().contains("flushing the superblock"), "{e}");
        assert!(matches!(p.begin(4), Err(Error::Poisoned(_))));
        // Reads still serve generation 2 (its blocks were not reused).
        assert_newest(&p, &m2, 64);
        let p = Pager::open(p.into_device().into_inner()).unwrap();
        let mut m3 = m2.clone();
        m3.extend(changes3());
        match p.generation() {
            2 => assert_newest(&p, &m2, 64),
            3 => {
                assert_newest(&p, &m3, 64);
                assert_snapshot(&p, 2, &m2, 64);
            }
            g => panic!("generation {g}"),
        }
        assert_sound(&p);
    }
}

#[test]
fn a_full_disk_is_reported_and_the_previous_snapshot_survives() {
    let (mut p, m1, m2) = setup(CrashPolicy::Random(3));
    let blocks = phantom_pager::BlockDevice::blocks(p.device());
    // Room for a few more blocks only.
    p.device_mut_for_test().set_capacity(Some(blocks + 5));
    let mut big = Model::new();
    for n in 0..400 {
        big.insert(n, 3);
    }
    let e = snapshot(&mut p, 3, &big).unwrap_err();
    assert_eq!(e, Error::DiskFull);
    assert!(e.to_string().contains("disk is full"));
    assert_eq!(p.generation(), 2);
    assert_eq!(p.info().pending, None);
    assert_newest(&p, &m2, 64);
    assert_sound(&p);
    // A small snapshot still fits (the failed one's blocks were freed).
    let small: Model = [(0, 4)].into_iter().collect();
    snapshot(&mut p, 3, &small).unwrap();
    let mut m3 = m2.clone();
    m3.extend(small);
    reopen_expect(p.into_device(), 3, &m3, Some((2, &m2)));
    let _ = m1;
}

#[test]
fn after_a_crash_the_reopened_image_takes_new_snapshots() {
    let (mut p, _, m2) = setup(CrashPolicy::Random(5));
    p.device_mut_for_test().inject(Fault::CrashBeforeWrite {
        nth: 10,
        blocks: 2..u64::MAX,
    });
    assert!(snapshot(&mut p, 3, &changes3()).is_err());
    let mut p = Pager::open(p.into_device().into_inner()).unwrap();
    assert_eq!(p.generation(), 2);
    let mut m = m2.clone();
    for g in 3..20 {
        let c: Model = (g..g + 30).map(|n| (n, g)).collect();
        snapshot(&mut p, g, &c).unwrap();
        m.extend(c);
    }
    assert_newest(&p, &m, 64);
    assert_sound(&p);
}
