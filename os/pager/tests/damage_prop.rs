//! Damaged images: whatever bytes an image file holds, opening it, checking
//! it and reading its pages return errors, never panic, and a snapshot that
//! opens reads back either its pages or a checksum error.

mod common;

use common::*;
use phantom_pager::dev::MemDevice;
use phantom_pager::{BlockDevice, Pager, BLOCK_SIZE};
use proptest::prelude::*;

/// An image with three snapshots over 700 pages (a map two levels deep).
fn image() -> Vec<u8> {
    static IMAGE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    IMAGE.get_or_init(make_image).clone()
}

fn make_image() -> Vec<u8> {
    let mut p = Pager::create(MemDevice::new()).unwrap();
    let all: Model = (0..700u64).map(|i| (i, i + 1)).collect();
    snapshot(&mut p, 1, &all).unwrap();
    let some: Model = (0..700u64).step_by(7).map(|i| (i, 1000 + i)).collect();
    snapshot(&mut p, 2, &some).unwrap();
    let few: Model = [(3, 5), (650, 9)].into_iter().collect();
    snapshot(&mut p, 3, &few).unwrap();
    p.into_device().bytes().to_vec()
}

fn device(bytes: &[u8]) -> MemDevice {
    let mut d = MemDevice::new();
    d.grow((bytes.len() / BLOCK_SIZE) as u64).unwrap();
    d.bytes_mut().copy_from_slice(bytes);
    d
}

/// Opens, checks and reads every page; only errors may come out.
fn exercise(bytes: &[u8]) {
    let Ok(p) = Pager::open(device(bytes)) else {
        return;
    };
    let _ = p.info();
    let _ = p.snapshots();
    let _ = p.check();
    let mut buf = Box::new([0u8; BLOCK_SIZE]);
    for page in 0..p.pages() {
        let _ = p.read_page(page, &mut buf);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn flipped_bytes_never_panic(flips in prop::collection::vec((any::<prop::sample::Index>(), 1u8..=255), 1..40)) {
        let mut b = image();
        for (at, x) in flips {
            let i = at.index(b.len());
            b[i] ^= x;
        }
        exercise(&b);
    }

    #[test]
    fn overwritten_blocks_never_panic(blocks in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6)) {
        let mut b = image();
        let n = b.len() / BLOCK_SIZE;
        for (at, fill) in blocks {
            let k = at.index(n);
            b[k * BLOCK_SIZE..(k + 1) * BLOCK_SIZE].fill(fill);
        }
        exercise(&b);
    }

    #[test]
    fn truncated_images_never_panic(keep in any::<prop::sample::Index>()) {
        let b = image();
        let blocks = keep.index(b.len() / BLOCK_SIZE + 1);
        exercise(&b[..blocks * BLOCK_SIZE]);
    }
}

#[test]
fn the_undamaged_image_is_sound() {
    let p = Pager::open(device(&image())).unwrap();
    assert_eq!(p.generation(), 3);
    assert_sound(&p);
}
