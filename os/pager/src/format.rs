//! The on-disk structures, byte for byte (see `docs/image-format.md`).

use alloc::string::String;
use alloc::vec::Vec;

use crate::dev::{Block, BLOCK_SIZE};

/// First eight bytes of a superblock.
pub const MAGIC: [u8; 8] = *b"PHANTIMG";
/// The format version this code writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// Blocks holding the superblock slots.
pub const SUPERBLOCK_SLOTS: [u64; 2] = [0, 1];
/// First block the allocator may hand out.
pub const FIRST_DATA_BLOCK: u64 = 2;
/// Entries in one map block.
pub const FANOUT: usize = BLOCK_SIZE / ENTRY_SIZE;
/// Bytes in one map entry.
pub const ENTRY_SIZE: usize = 8;
/// Snapshots one superblock can describe.
pub const MAX_SNAPSHOTS: usize = 32;
/// Bytes of a snapshot name.
pub const NAME_LEN: usize = 16;
/// Largest logical page count (page numbers are below 2^32).
pub const MAX_PAGES: u64 = 1 << 32;
/// Deepest map (512^4 > 2^32).
pub const MAX_DEPTH: u8 = 4;

const SB_HEADER: usize = 64;
const DESC_SIZE: usize = 64;
const CRC_AT: usize = BLOCK_SIZE - 4;

/// The CRC-32 (IEEE) of a block or of part of one.
pub fn crc(bytes: &[u8]) -> u32 {
    crc32fast::hash(bytes)
}

/// A map entry: where a page (or a lower map block) is, and its checksum.
/// Block 0 means "all zeros" (and then the checksum is 0 too).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Entry {
    /// Block number, 0 for an all-zero page or subtree.
    pub block: u32,
    /// CRC-32 of the block's 4096 bytes.
    pub crc: u32,
}

impl Entry {
    /// The all-zero entry.
    pub const ZERO: Entry = Entry { block: 0, crc: 0 };

    /// Whether this is the all-zero entry.
    pub fn is_zero(self) -> bool {
        self.block == 0
    }
}

/// Encodes a map block from up to [`FANOUT`] entries (the rest are zero).
pub fn encode_node(entries: &[Entry], out: &mut Block) {
    debug_assert!(entries.len() <= FANOUT);
    out.fill(0);
    for (i, e) in entries.iter().enumerate() {
        out[i * 8..i * 8 + 4].copy_from_slice(&e.block.to_le_bytes());
        out[i * 8 + 4..i * 8 + 8].copy_from_slice(&e.crc.to_le_bytes());
    }
}

/// Entry `i` of a map block.
pub fn node_entry(node: &Block, i: usize) -> Entry {
    let r = |o: usize| u32::from_le_bytes(node[o..o + 4].try_into().unwrap_or_default());
    Entry {
        block: r(i * 8),
        crc: r(i * 8 + 4),
    }
}

/// Role bits of a snapshot descriptor.
pub mod role {
    /// The newest snapshot (exactly one descriptor, the first).
    pub const NEWEST: u8 = 1;
    /// The one before the newest.
    pub const PREVIOUS: u8 = 2;
    /// Kept by name until released.
    pub const RETAINED: u8 = 4;
}

/// One snapshot in a superblock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Descriptor {
    /// The snapshot's generation (strictly increasing over commits).
    pub generation: u64,
    /// Logical size in pages.
    pub pages: u64,
    /// The root map block.
    pub root: Entry,
    /// Levels of map blocks (1..=4).
    pub depth: u8,
    /// [`role`] bits.
    pub role: u8,
    /// Pages that have a data block (not all-zero).
    pub data_blocks: u64,
    /// Time of the snapshot (the caller's clock, ms; 0 if not given).
    pub time_ms: u64,
    /// Name of a retained snapshot (empty otherwise).
    pub name: String,
}

/// A decoded superblock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Superblock {
    /// Sequence number of superblock writes: the valid slot with the
    /// larger one is the current superblock.
    pub seq: u64,
    /// Largest generation ever committed to this image.
    pub max_generation: u64,
    /// The device's size when this superblock was written.
    pub device_blocks: u64,
    /// The snapshots, newest first.
    pub snaps: Vec<Descriptor>,
}

/// What a superblock slot holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    /// A valid superblock.
    Valid(Superblock),
    /// No magic: never written, or not an image.
    Empty,
    /// The magic of a newer format version.
    Newer(u32),
    /// Our magic and version, but the checksum or a field is wrong.
    Corrupt(&'static str),
}

fn put_u64(b: &mut [u8], at: usize, v: u64) {
    b[at..at + 8].copy_from_slice(&v.to_le_bytes());
}
fn put_u32(b: &mut [u8], at: usize, v: u32) {
    b[at..at + 4].copy_from_slice(&v.to_le_bytes());
}
fn get_u64(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or_default())
}
fn get_u32(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap_or_default())
}

/// The map depth for a logical size: the fewest levels whose capacity
/// (512^depth pages) holds it; at least 1.
pub fn depth_for(pages: u64) -> u8 {
    let mut d = 1u8;
    let mut cap = FANOUT as u128;
    while cap < pages as u128 {
        d += 1;
        cap *= FANOUT as u128;
    }
    d
}

impl Superblock {
    /// Encodes into a block, checksum included.
    pub fn encode(&self, out: &mut Block) {
        assert!(self.snaps.len() <= MAX_SNAPSHOTS);
        out.fill(0);
        out[0..8].copy_from_slice(&MAGIC);
        put_u32(out, 8, FORMAT_VERSION);
        put_u32(out, 12, BLOCK_SIZE as u32);
        put_u64(out, 16, self.seq);
        put_u64(out, 24, self.max_generation);
        put_u64(out, 32, self.device_blocks);
        put_u32(out, 40, self.snaps.len() as u32);
        for (i, d) in self.snaps.iter().enumerate() {
            let o = SB_HEADER + i * DESC_SIZE;
            put_u64(out, o, d.generation);
            put_u64(out, o + 8, d.pages);
            put_u32(out, o + 16, d.root.block);
            put_u32(out, o + 20, d.root.crc);
            out[o + 24] = d.depth;
            out[o + 25] = d.role;
            put_u64(out, o + 32, d.data_blocks);
            put_u64(out, o + 40, d.time_ms);
            let n = d.name.as_bytes();
            let n = &n[..n.len().min(NAME_LEN)];
            out[o + 48..o + 48 + n.len()].copy_from_slice(n);
        }
        let c = crc(&out[..CRC_AT]);
        put_u32(out, CRC_AT, c);
    }

    /// Decodes a slot. Checks magic, version, checksum and the fields'
    /// ranges; not the maps (the pager does that).
    pub fn decode(b: &Block) -> Slot {
        if b[0..8] != MAGIC {
            return Slot::Empty;
        }
        let version = get_u32(b, 8);
        if version > FORMAT_VERSION {
            return Slot::Newer(version);
        }
        if version != FORMAT_VERSION {
            return Slot::Corrupt("unknown format version");
        }
        if get_u32(b, CRC_AT) != crc(&b[..CRC_AT]) {
            return Slot::Corrupt("superblock checksum mismatch");
        }
        if get_u32(b, 12) != BLOCK_SIZE as u32 {
            return Slot::Corrupt("block size is not 4096");
        }
        let n = get_u32(b, 40) as usize;
        if n > MAX_SNAPSHOTS {
            return Slot::Corrupt("too many snapshots");
        }
        let mut snaps = Vec::with_capacity(n);
        for i in 0..n {
            let o = SB_HEADER + i * DESC_SIZE;
            let name = &b[o + 48..o + 48 + NAME_LEN];
            let end = name.iter().position(|&c| c == 0).unwrap_or(NAME_LEN);
            let Ok(name) = core::str::from_utf8(&name[..end]) else {
                return Slot::Corrupt("snapshot name is not UTF-8");
            };
            let d = Descriptor {
                generation: get_u64(b, o),
                pages: get_u64(b, o + 8),
                root: Entry {
                    block: get_u32(b, o + 16),
                    crc: get_u32(b, o + 20),
                },
                depth: b[o + 24],
                role: b[o + 25],
                data_blocks: get_u64(b, o + 32),
                time_ms: get_u64(b, o + 40),
                name: name.into(),
            };
            if d.pages > MAX_PAGES || d.depth != depth_for(d.pages) {
                return Slot::Corrupt("snapshot size and map depth disagree");
            }
            if d.role == 0 || d.role & !(role::NEWEST | role::PREVIOUS | role::RETAINED) != 0 {
                return Slot::Corrupt("bad snapshot role");
            }
            if (i == 0) != (d.role & role::NEWEST != 0) {
                return Slot::Corrupt("the newest snapshot must come first");
            }
            if d.root.block == 0 && d.root.crc != 0 {
                return Slot::Corrupt("zero root with a checksum");
            }
            snaps.push(d);
        }
        Slot::Valid(Superblock {
            seq: get_u64(b, 16),
            max_generation: get_u64(b, 24),
            device_blocks: get_u64(b, 32),
            snaps,
        })
    }
}
