//! The image format: round trips, incremental snapshots, free-space reuse,
//! retained snapshots, refusal of damaged and newer images.

mod common;

use common::*;
use phantom_pager::dev::MemDevice;
use phantom_pager::fault::{CrashPolicy, FaultyDevice};
use phantom_pager::format::{Superblock, FIRST_DATA_BLOCK, MAGIC};
use phantom_pager::{BlockDevice, Error, Pager, Which, BLOCK_SIZE};

fn model(pairs: &[(u64, u64)]) -> Model {
    pairs.iter().copied().collect()
}

#[test]
fn empty_image_opens_with_no_snapshot_and_zero_pages() {
    let p = Pager::create(MemDevice::new()).unwrap();
    let p = Pager::open(p.into_device()).unwrap();
    assert!(p.snapshots().is_empty());
    assert_eq!(p.generation(), 0);
    assert_eq!(p.pages(), 0);
    let mut b = [1u8; BLOCK_SIZE];
    p.read_page(3, &mut b).unwrap();
    assert_eq!(b, [0u8; BLOCK_SIZE]);
    assert_sound(&p);
}

#[test]
fn pages_round_trip_through_reopen() {
    let mut p = Pager::create(MemDevice::new()).unwrap();
    let m = model(&[(0, 1), (1, 2), (7, 3), (100, 4)]);
    snapshot(&mut p, 1, &m).unwrap();
    let p = Pager::open(p.into_device()).unwrap();
    assert_eq!(p.generation(), 1);
    assert_eq!(p.pages(), 101);
    assert_newest(&p, &m, 120);
    let s = p.snapshots();
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].data_blocks, 4);
    assert!(s[0].newest);
    assert_sound(&p);
}

#[test]
fn zero_pages_take_no_block_and_unchanged_pages_keep_theirs() {
    let mut p = Pager::create(MemDevice::new()).unwrap();
    let mut m = model(&[(0, 1), (1, 0), (2, 3)]);
    p.begin(1).unwrap();
    for (&n, &t) in &m {
        let data = if t == 0 {
            Box::new([0u8; BLOCK_SIZE])
        } else {
            page(t, n)
        };
        p.write_page(n, &data).unwrap();
    }
    let st = p.commit().unwrap();
    assert_eq!(st.data_blocks_written, 2);
    assert_eq!(st.map_blocks_written, 1);
    let before = p.page_entry(0);
    // Only page 2 changes.
    p.begin(2).unwrap();
    p.write_page(2, &page(9, 2)).unwrap();
    let st = p.commit().unwrap();
    assert_eq!(st.data_blocks_written, 1);
    assert_eq!(p.page_entry(0), before);
    m.insert(2, 9);
    assert_newest(&p, &m, 4);
    assert_snapshot(&p, 1, &model(&[(0, 1), (2, 3)]), 4);
    assert_sound(&p);
}

#[test]
fn rewriting_a_page_within_one_snapshot_keeps_the_last_version() {
    let mut p = Pager::create(MemDevice::new()).unwrap();
    p.begin(1).unwrap();
    p.write_page(4, &page(1, 4)).unwrap();
    p.write_page(4, &page(2, 4)).unwrap();
    p.write_page(5, &page(1, 5)).unwrap();
    p.write_page(5, &[0u8; BLOCK_SIZE]).unwrap();
    p.commit().unwrap();
    let p = Pager::open(p.into_device()).unwrap();
    assert_newest(&p, &model(&[(4, 2)]), 8);
    assert_eq!(p.snapshots()[0].data_blocks, 1);
    assert_sound(&p);
}

#[test]
fn the_map_grows_deeper_for_large_page_numbers() {
    let mut p = Pager::create(MemDevice::new()).unwrap();
    let mut m = model(&[(0, 1), (511, 2)]);
    snapshot(&mut p, 1, &m).unwrap();
    assert_eq!(p.snapshots()[0].map_blocks, 1);
    // Depth 2 (past 512 pages), then depth 3 (past 512 * 512).
    m.insert(512, 3);
    snapshot(&mut p, 2, &model(&[(512, 3)])).unwrap();
    assert_eq!(p.snapshots()[0].map_blocks, 3);
    m.insert(300_000, 4);
    snapshot(&mut p, 3, &model(&[(300_000, 4)])).unwrap();
    let p = Pager::open(p.into_device()).unwrap();
    assert_eq!(p.pages(), 300_001);
    for n in [0, 1, 511, 512, 513, 299_999, 300_000] {
        let mut b = [0u8; BLOCK_SIZE];
        p.read_page(n, &mut b).unwrap();
        assert!(b == *expected(&m, n), "page {n}");
    }
    // The older, shallower snapshot is still readable.
    assert_snapshot(&p, 2, &model(&[(0, 1), (511, 2), (512, 3)]), 600);
    assert_sound(&p);
}

#[test]
fn the_two_newest_snapshots_stay_intact_while_a_third_is_written() {
    let dev = FaultyDevice::new(MemDevice::new(), CrashPolicy::KeepAll);
    let mut p = Pager::create(dev).unwrap();
    let m1: Model = (0..50).map(|n| (n, 1)).collect();
    let m2: Model = (0..50)
        .map(|n| (n, if n % 2 == 0 { 2 } else { 1 }))
        .collect();
    snapshot(&mut p, 1, &m1).unwrap();
    snapshot(
        &mut p,
        2,
        &model(&(0..50).step_by(2).map(|n| (n, 2)).collect::<Vec<_>>()),
    )
    .unwrap();
    // The third rewrites every page and more, then the machine dies
    // before its commit: every one of its writes landed.
    p.begin(3).unwrap();
    for n in 0..80 {
        p.write_page(n, &page(3, n)).unwrap();
    }
    let mut dev = p.into_device();
    dev.crash_now();
    let p = Pager::open(dev.into_inner()).unwrap();
    assert_eq!(p.generation(), 2);
    assert_newest(&p, &m2, 80);
    assert_snapshot(&p, 1, &m1, 80);
    assert_sound(&p);
}

#[test]
fn a_thousand_snapshots_keep_the_image_bounded() {
    let mut p = Pager::create(MemDevice::new()).unwrap();
    let mut m = Model::new();
    let mut max_blocks = 0;
    let mut rng = 12345u64;
    for g in 1..=1000u64 {
        let mut changes = Model::new();
        for _ in 0..(g % 17 + 1) {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let n = rng % 96;
            let t = if rng.is_multiple_of(11) { 0 } else { g };
            changes.insert(n, t);
        }
        snapshot(&mut p, g, &changes).unwrap();
        m.extend(changes);
        max_blocks = max_blocks.max(p.device().blocks());
        if g % 250 == 0 {
            assert_newest(&p, &m, 96);
            assert_sound(&p);
        }
    }
    // Two snapshots of at most 96 pages plus one map block each, the
    // superblocks, and the growth step.
    assert!(
        max_blocks <= 2 + 2 * 97 + 64 + 18,
        "image grew to {max_blocks} blocks"
    );
    let used = p.info().used_blocks;
    assert!(used <= 2 + 2 * 97, "{used} blocks in use");
    let p = Pager::open(p.into_device()).unwrap();
    assert_eq!(p.info().used_blocks, used);
    assert_newest(&p, &m, 96);
    assert_sound(&p);
}

#[test]
fn abort_frees_the_blocks_of_the_abandoned_snapshot() {
    let mut p = Pager::create(MemDevice::new()).unwrap();
    snapshot(&mut p, 1, &model(&[(0, 1)])).unwrap();
    let used = p.info().used_blocks;
    p.begin(2).unwrap();
    for n in 0..20 {
        p.write_page(n, &page(2, n)).unwrap();
    }
    assert!(p.info().used_blocks > used);
    p.abort();
    assert_eq!(p.info().used_blocks, used);
    assert_eq!(p.info().pending, None);
    // The generation was not used up.
    snapshot(&mut p, 2, &model(&[(1, 2)])).unwrap();
    assert_newest(&p, &model(&[(0, 1), (1, 2)]), 4);
    assert_sound(&p);
}

#[test]
fn generations_must_grow_and_calls_must_be_in_order() {
    let mut p = Pager::create(MemDevice::new()).unwrap();
    assert!(matches!(p.commit(), Err(Error::Usage(_))));
    assert!(matches!(
        p.write_page(0, &[0; BLOCK_SIZE]),
        Err(Error::Usage(_))
    ));
    assert!(matches!(p.begin(0), Err(Error::Usage(_))));
    snapshot(&mut p, 5, &model(&[(0, 1)])).unwrap();
    assert!(matches!(p.begin(5), Err(Error::Usage(_))));
    assert!(matches!(p.begin(4), Err(Error::Usage(_))));
    p.begin(6).unwrap();
    assert!(matches!(p.begin(7), Err(Error::Usage(_))));
}

#[test]
fn retained_snapshots_survive_and_can_be_restored() {
    let mut p = Pager::create(MemDevice::new()).unwrap();
    let m1 = model(&[(0, 1), (1, 1)]);
    snapshot(&mut p, 1, &m1).unwrap();
    p.retain("before").unwrap();
    assert!(matches!(p.retain("before"), Err(Error::Usage(_))));
    let mut m = m1.clone();
    for g in 2..30 {
        let c = model(&[(0, g), (2, g)]);
        snapshot(&mut p, g, &c).unwrap();
        m.extend(c);
    }
    let p2 = Pager::open(p.into_device()).unwrap();
    let mut p = p2;
    let s = p.snapshots();
    assert_eq!(s.len(), 3);
    assert_eq!(s[2].name.as_deref(), Some("before"));
    assert_snapshot(&p, 1, &m1, 4);
    assert_sound(&p);
    // Restart from it: it becomes the newest, the old newest the previous.
    p.restore(Which::Name("before")).unwrap();
    assert_eq!(p.generation(), 1);
    assert_newest(&p, &m1, 4);
    assert!(matches!(p.begin(29), Err(Error::Usage(_))));
    let mut m3 = m1.clone();
    m3.insert(3, 30);
    snapshot(&mut p, 30, &model(&[(3, 30)])).unwrap();
    let mut p = Pager::open(p.into_device()).unwrap();
    assert_newest(&p, &m3, 5);
    // 30 is the newest, the retained 1 its previous; 29 is gone.
    let s = p.snapshots();
    assert_eq!(
        s.iter().map(|s| s.generation).collect::<Vec<_>>(),
        [30, 1],
        "{s:?}"
    );
    assert!(s[1].previous && s[1].name.is_some());
    assert_sound(&p);
    p.release("before").unwrap();
    assert!(matches!(p.release("before"), Err(Error::NoSuchSnapshot(_))));
    snapshot(&mut p, 31, &model(&[(3, 31)])).unwrap();
    snapshot(&mut p, 32, &model(&[(3, 32)])).unwrap();
    assert_eq!(p.snapshots().len(), 2);
    assert_sound(&p);
}

fn two_generations() -> (MemDevice, Model, Model) {
    let mut p = Pager::create(MemDevice::new()).unwrap();
    let m1 = model(&[(0, 1), (1, 1), (2, 1)]);
    snapshot(&mut p, 1, &m1).unwrap();
    snapshot(&mut p, 2, &model(&[(1, 2)])).unwrap();
    let mut m2 = m1.clone();
    m2.insert(1, 2);
    (p.into_device(), m1, m2)
}

fn current_slot(dev: MemDevice) -> (MemDevice, u64) {
    let p = Pager::open(dev).unwrap();
    let s = p.info().slot;
    (p.into_device(), s)
}

#[test]
fn a_corrupt_newest_superblock_falls_back_to_the_other_slot() {
    let (dev, m1, _) = two_generations();
    let (mut dev, slot) = current_slot(dev);
    dev.bytes_mut()[slot as usize * BLOCK_SIZE + 100] ^= 1;
    let p = Pager::open(dev).unwrap();
    assert_eq!(p.generation(), 1);
    assert_newest(&p, &m1, 4);
    assert_eq!(p.info().fallback, None);
    assert_sound(&p);
}

#[test]
fn a_newest_snapshot_with_a_damaged_map_falls_back_and_says_so() {
    let (dev, m1, _) = two_generations();
    let p = Pager::open(dev).unwrap();
    let root = {
        let mut b = [0u8; BLOCK_SIZE];
        p.device().read(p.info().slot, &mut b).unwrap();
        match Superblock::decode(&b) {
            phantom_pager::format::Slot::Valid(sb) => sb.snaps[0].root.block,
            x => panic!("{x:?}"),
        }
    };
    let mut dev = p.into_device();
    dev.bytes_mut()[root as usize * BLOCK_SIZE + 8] ^= 0x40;
    let p = Pager::open(dev).unwrap();
    assert_eq!(p.generation(), 1);
    assert_newest(&p, &m1, 4);
    let why = p.info().fallback.expect("fallback reported");
    assert!(why.contains("checksum"), "{why}");
    // Only the snapshot both superblocks kept is offered.
    assert_eq!(p.snapshots().len(), 1);
}

#[test]
fn an_image_with_no_verifiable_superblock_is_refused() {
    let (mut dev, _, _) = two_generations();
    dev.bytes_mut()[50] ^= 1;
    dev.bytes_mut()[BLOCK_SIZE + 50] ^= 1;
    match Pager::open(dev) {
        Err(Error::Corrupt(m)) => assert!(m.contains("checksum"), "{m}"),
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("opened a corrupt image"),
    }
}

#[test]
fn an_image_of_a_newer_format_is_refused() {
    let (mut dev, _, _) = two_generations();
    dev.bytes_mut()[8..12].copy_from_slice(&2u32.to_le_bytes());
    match Pager::open(dev) {
        Err(
            e @ Error::NewerFormat {
                found: 2,
                supported: 1,
            },
        ) => {
            assert!(e.to_string().contains("version 2"), "{e}")
        }
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("opened a newer image"),
    }
}

#[test]
fn something_else_is_not_an_image() {
    let mut dev = MemDevice::new();
    dev.grow(10).unwrap();
    assert!(matches!(Pager::open(dev), Err(Error::NotAnImage)));
    assert!(matches!(
        Pager::open(MemDevice::new()),
        Err(Error::NotAnImage)
    ));
    let mut dev = MemDevice::new();
    dev.grow(2).unwrap();
    dev.bytes_mut()[..8].copy_from_slice(&MAGIC);
    assert!(matches!(Pager::open(dev), Err(Error::Corrupt(_))));
}

#[test]
fn a_damaged_data_block_is_caught_by_read_and_check() {
    let (dev, _, _) = two_generations();
    let p = Pager::open(dev).unwrap();
    let b = p.page_entry(2).block;
    assert!(b as u64 >= FIRST_DATA_BLOCK);
    let mut dev = p.into_device();
    dev.bytes_mut()[b as usize * BLOCK_SIZE + 4000] ^= 0x80;
    let p = Pager::open(dev).unwrap();
    let mut buf = [0u8; BLOCK_SIZE];
    assert_eq!(
        p.read_page(2, &mut buf),
        Err(Error::PageChecksum { page: 2, block: b })
    );
    let r = p.check().unwrap();
    assert!(!r.is_ok());
    assert!(
        r.problems.iter().any(|m| m.contains("page 2")),
        "{:?}",
        r.problems
    );
}

#[test]
fn check_counts_every_block_once() {
    let (dev, _, _) = two_generations();
    let p = Pager::open(dev).unwrap();
    let r = p.check().unwrap();
    assert!(r.is_ok());
    assert_eq!(r.snapshots, 2);
    // Generation 1: pages 0, 1, 2; generation 2 shares 0 and 2, has a new 1.
    assert_eq!(r.data_blocks, 4);
    assert_eq!(r.map_blocks, 2);
    let mut calls = 0;
    p.check_with(&mut |done, total| {
        calls += 1;
        assert!(done <= total);
    })
    .unwrap();
    assert!(calls >= 1);
}
