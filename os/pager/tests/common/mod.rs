//! Helpers shared by the pager's tests.
#![allow(dead_code)]

use std::collections::BTreeMap;

use phantom_pager::dev::Block;
use phantom_pager::{BlockDevice, Pager, Which, BLOCK_SIZE};

/// A page whose every byte depends on `tag` and the page number, so that
/// a page from the wrong snapshot or the wrong place is told apart.
pub fn page(tag: u64, n: u64) -> Box<Block> {
    let mut b = Box::new([0u8; BLOCK_SIZE]);
    let mut x = tag.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ n.wrapping_mul(0xD6E8_FEB8_6659_FD93) | 1;
    for c in b.chunks_exact_mut(8) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        c.copy_from_slice(&x.to_le_bytes());
    }
    b
}

/// Contents of a snapshot: page -> tag (0 = all zeros).
pub type Model = BTreeMap<u64, u64>;

pub fn expected(model: &Model, n: u64) -> Box<Block> {
    match model.get(&n) {
        Some(&0) | None => Box::new([0u8; BLOCK_SIZE]),
        Some(&t) => page(t, n),
    }
}

/// Writes one snapshot: `changes` applied on top of the newest.
pub fn snapshot<D: BlockDevice>(
    p: &mut Pager<D>,
    generation: u64,
    changes: &Model,
) -> Result<(), phantom_pager::Error> {
    p.begin(generation)?;
    for (&n, &t) in changes {
        if t == 0 {
            p.write_page(n, &[0u8; BLOCK_SIZE])?;
        } else {
            p.write_page(n, &page(t, n))?;
        }
    }
    p.commit().map(|_| ())
}

/// Asserts that the newest snapshot holds exactly `model` (pages up to
/// `upto`).
pub fn assert_newest<D: BlockDevice>(p: &Pager<D>, model: &Model, upto: u64) {
    let mut buf = [0u8; BLOCK_SIZE];
    for n in 0..upto {
        p.read_page(n, &mut buf).unwrap();
        assert!(buf == *expected(model, n), "page {n} differs");
    }
}

/// Asserts that snapshot `generation` holds exactly `model`.
pub fn assert_snapshot<D: BlockDevice>(p: &Pager<D>, generation: u64, model: &Model, upto: u64) {
    let mut buf = [0u8; BLOCK_SIZE];
    for n in 0..upto {
        p.read_snapshot_page(Which::Generation(generation), n, &mut buf)
            .unwrap();
        assert!(
            buf == *expected(model, n),
            "page {n} of generation {generation} differs"
        );
    }
}

/// Asserts that `check` finds nothing wrong.
pub fn assert_sound<D: BlockDevice>(p: &Pager<D>) {
    let r = p.check().unwrap();
    assert!(r.is_ok(), "check found: {:#?}", r.problems);
}
