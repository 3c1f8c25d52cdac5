//! The pager: snapshots of a paged address space in an image on a block
//! device (format in `docs/image-format.md`).

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use crate::dev::{zero_block, Block, BlockDevice, DevError, BLOCK_SIZE};
use crate::error::Error;
use crate::format::{
    crc, depth_for, encode_node, node_entry, role, Descriptor, Entry, Slot, Superblock, FANOUT,
    FIRST_DATA_BLOCK, FORMAT_VERSION, MAX_PAGES, MAX_SNAPSHOTS, NAME_LEN, SUPERBLOCK_SLOTS,
};

/// Largest run of consecutive blocks gathered into one device write.
const RUN_BLOCKS: usize = 256;

/// One snapshot as [`Pager::snapshots`] reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnapshotInfo {
    /// Its generation.
    pub generation: u64,
    /// Logical size in pages.
    pub pages: u64,
    /// Pages stored in a data block (the others are all zeros).
    pub data_blocks: u64,
    /// Map blocks of its page map.
    pub map_blocks: u64,
    /// The caller's time stamp (ms), 0 if none was given.
    pub time_ms: u64,
    /// The newest snapshot (the one [`Pager::read_page`] reads).
    pub newest: bool,
    /// The one before the newest.
    pub previous: bool,
    /// Retained under this name until released.
    pub name: Option<String>,
}

/// The image as a whole ([`Pager::info`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageInfo {
    /// Format version of the image.
    pub format_version: u32,
    /// Block size (4096).
    pub block_size: usize,
    /// Sequence number of the current superblock.
    pub seq: u64,
    /// Slot (block) holding it.
    pub slot: u64,
    /// Device size in blocks.
    pub device_blocks: u64,
    /// Blocks referenced by a kept snapshot (or a snapshot being written),
    /// superblocks included.
    pub used_blocks: u64,
    /// Largest generation ever committed.
    pub max_generation: u64,
    /// Generation of the snapshot being written, if any.
    pub pending: Option<u64>,
    /// Set when opening had to fall back to the older superblock because
    /// the newer one (valid checksum) references a damaged map; says why.
    pub fallback: Option<String>,
    /// The snapshots, newest first.
    pub snapshots: Vec<SnapshotInfo>,
}

/// What [`Pager::check`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Snapshots checked.
    pub snapshots: usize,
    /// Map blocks read and verified (shared ones once).
    pub map_blocks: u64,
    /// Data blocks read and verified (shared ones once).
    pub data_blocks: u64,
    /// Everything wrong, one line each; empty when the image is sound.
    pub problems: Vec<String>,
}

impl CheckReport {
    /// Whether nothing is wrong.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// What a successful [`Pager::commit`] wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommitStats {
    /// The committed generation.
    pub generation: u64,
    /// Data blocks written for it.
    pub data_blocks_written: u64,
    /// Map blocks written for it.
    pub map_blocks_written: u64,
    /// Blocks freed (only the pre-previous snapshot used them).
    pub blocks_freed: u64,
}

/// Which snapshot an operation means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which<'a> {
    /// By generation.
    Generation(u64),
    /// A retained snapshot, by name.
    Name(&'a str),
}

/// A set of block numbers.
#[derive(Clone, Default)]
struct Bitmap {
    words: Vec<u64>,
}

impl Bitmap {
    fn with_len(bits: u64) -> Bitmap {
        Bitmap {
            words: vec![0; bits.div_ceil(64) as usize],
        }
    }
    fn grow(&mut self, bits: u64) {
        let w = bits.div_ceil(64) as usize;
        if w > self.words.len() {
            self.words.resize(w, 0);
        }
    }
    fn get(&self, b: u64) -> bool {
        self.words
            .get((b / 64) as usize)
            .is_some_and(|w| w >> (b % 64) & 1 == 1)
    }
    fn set(&mut self, b: u64) {
        self.grow(b + 1);
        self.words[(b / 64) as usize] |= 1 << (b % 64);
    }
    fn clear(&mut self, b: u64) {
        if let Some(w) = self.words.get_mut((b / 64) as usize) {
            *w &= !(1 << (b % 64));
        }
    }
    fn count(&self) -> u64 {
        self.words.iter().map(|w| w.count_ones() as u64).sum()
    }
    /// First clear bit in `from..limit`.
    fn find_clear(&self, from: u64, limit: u64) -> Option<u64> {
        let mut b = from;
        while b < limit {
            let wi = (b / 64) as usize;
            let w = self.words.get(wi).copied().unwrap_or(0) | ((1u64 << (b % 64)) - 1);
            if w != u64::MAX {
                let f = wi as u64 * 64 + (!w).trailing_zeros() as u64;
                return (f < limit).then_some(f);
            }
            b = (wi as u64 + 1) * 64;
        }
        None
    }
}

/// The newest snapshot's page map, in memory.
#[derive(Clone)]
struct Map {
    pages: u64,
    /// One entry per page.
    entries: Vec<Entry>,
    /// `levels[l][i]`: map block `i` of level `l` (0 = leaves); the last
    /// level has one entry, the root.
    levels: Vec<Vec<Entry>>,
}

fn level_counts(pages: u64) -> Vec<usize> {
    let depth = depth_for(pages);
    let mut counts = Vec::with_capacity(depth as usize);
    let mut n = pages.max(1);
    for _ in 0..depth {
        n = n.div_ceil(FANOUT as u64);
        counts.push(n as usize);
    }
    counts
}

impl Map {
    fn empty() -> Map {
        Map::with_pages(0)
    }

    fn with_pages(pages: u64) -> Map {
        Map {
            pages,
            entries: vec![Entry::ZERO; pages as usize],
            levels: level_counts(pages)
                .into_iter()
                .map(|n| vec![Entry::ZERO; n])
                .collect(),
        }
    }

    fn depth(&self) -> u8 {
        self.levels.len() as u8
    }

    fn root(&self) -> Entry {
        self.levels.last().map_or(Entry::ZERO, |l| l[0])
    }

    /// Grows the logical size (new pages are zero). Map blocks keep their
    /// place: a deeper map puts the old root under index 0 of new levels.
    fn grow(&mut self, pages: u64) {
        if pages <= self.pages {
            return;
        }
        self.entries.resize(pages as usize, Entry::ZERO);
        for (l, n) in level_counts(pages).into_iter().enumerate() {
            if l == self.levels.len() {
                self.levels.push(vec![Entry::ZERO; n]);
            } else {
                self.levels[l].resize(n, Entry::ZERO);
            }
        }
        self.pages = pages;
    }

    /// Entries of map block `i` of level `l`.
    fn children(&self, l: usize, i: usize) -> &[Entry] {
        let src: &[Entry] = if l == 0 {
            &self.entries
        } else {
            &self.levels[l - 1]
        };
        let lo = (i * FANOUT).min(src.len());
        let hi = ((i + 1) * FANOUT).min(src.len());
        &src[lo..hi]
    }

    fn map_blocks(&self) -> u64 {
        self.levels
            .iter()
            .flatten()
            .filter(|e| !e.is_zero())
            .count() as u64
    }
}

/// A snapshot being written.
struct Pending {
    generation: u64,
    time_ms: u64,
    /// New entries of the pages written so far.
    pages: BTreeMap<u64, Entry>,
    /// Every block allocated for it (freed again if it is abandoned).
    allocated: Vec<u32>,
}

/// A place in a map: the level (0 = data, 1 = leaf map blocks, ...) and
/// the index within it.
type Place = (u8, u64);

/// The pager. See the crate documentation for the life cycle.
pub struct Pager<D: BlockDevice> {
    dev: D,
    sb: Superblock,
    slot: u64,
    map: Map,
    /// Map blocks of each kept snapshot, parallel to `sb.snaps`.
    map_blocks: Vec<u64>,
    /// Blocks in use: superblocks, every kept snapshot, the pending one.
    used: Bitmap,
    /// Blocks of retained snapshots.
    pinned: Bitmap,
    /// Blocks of the previous snapshot that the newest does not use:
    /// freed (unless pinned) when the previous snapshot is dropped.
    superseded: Vec<u32>,
    pending: Option<Pending>,
    /// Consecutive blocks gathered for one device write.
    run: Vec<u8>,
    run_first: u64,
    /// Allocation cursor.
    cursor: u64,
    poisoned: Option<String>,
    fallback: Option<String>,
}

fn dev_err(during: impl Into<String>, error: DevError) -> Error {
    match error {
        DevError::NoSpace => Error::DiskFull,
        error => Error::Device {
            during: during.into(),
            error,
        },
    }
}

/// Result of walking one snapshot's map.
struct Walk {
    map_blocks: u64,
    data_blocks: u64,
}

/// Walks the map of `d`, verifying every map block's checksum and shape,
/// calling `visit(place, entry)` for every non-zero entry below the root
/// (and for the root itself), top down.
fn walk<D: BlockDevice>(
    dev: &D,
    d: &Descriptor,
    visit: &mut dyn FnMut(Place, Entry),
) -> Result<Walk, Error> {
    let mut w = Walk {
        map_blocks: 0,
        data_blocks: 0,
    };
    let depth = d.depth;
    if !d.root.is_zero() {
        visit((depth, 0), d.root);
    }
    let mut node = zero_block();
    // Explicit stack of (level of the node, index of the node, entry).
    let mut stack = vec![(depth, 0u64, d.root)];
    // Pages covered by one entry of a map block at level l: 512^(l-1).
    while let Some((level, index, e)) = stack.pop() {
        if e.is_zero() {
            continue;
        }
        check_block(dev, e.block, d.generation)?;
        dev.read(e.block as u64, &mut node)
            .map_err(|x| dev_err(format!("reading map block {}", e.block), x))?;
        if crc(&node[..]) != e.crc {
            return Err(Error::Corrupt(format!(
                "snapshot {}: map block {} (level {level}) fails its checksum",
                d.generation, e.block
            )));
        }
        w.map_blocks += 1;
        // Number of entries below this node that are within the size.
        let span = (FANOUT as u64).pow(level as u32 - 1);
        let first_child = index * FANOUT as u64;
        for i in 0..FANOUT {
            let c = node_entry(&node, i);
            let child = first_child + i as u64;
            let in_range = child * span < d.pages;
            if c.is_zero() {
                if c.crc != 0 {
                    return Err(Error::Corrupt(format!(
                        "snapshot {}: map block {} has a checksum on a zero entry",
                        d.generation, e.block
                    )));
                }
                continue;
            }
            if !in_range {
                return Err(Error::Corrupt(format!(
                    "snapshot {}: map block {} has entries beyond the image size",
                    d.generation, e.block
                )));
            }
            check_block(dev, c.block, d.generation)?;
            visit((level - 1, child), c);
            if level == 1 {
                w.data_blocks += 1;
            } else {
                stack.push((level - 1, child, c));
            }
        }
    }
    if w.data_blocks != d.data_blocks {
        return Err(Error::Corrupt(format!(
            "snapshot {}: map holds {} pages, superblock says {}",
            d.generation, w.data_blocks, d.data_blocks
        )));
    }
    Ok(w)
}

fn check_block<D: BlockDevice>(dev: &D, b: u32, generation: u64) -> Result<(), Error> {
    if (b as u64) < FIRST_DATA_BLOCK || b as u64 >= dev.blocks() {
        return Err(Error::Corrupt(format!(
            "snapshot {generation} refers to block {b}, outside the image's {} blocks",
            dev.blocks()
        )));
    }
    Ok(())
}

/// Everything derived from a superblock.
struct Loaded {
    map: Map,
    map_blocks: Vec<u64>,
    used: Bitmap,
    pinned: Bitmap,
    superseded: Vec<u32>,
}

fn load<D: BlockDevice>(dev: &D, sb: &Superblock) -> Result<Loaded, Error> {
    let nblocks = dev.blocks();
    let mut used = Bitmap::with_len(nblocks);
    for s in SUPERBLOCK_SLOTS {
        used.set(s);
    }
    let mut pinned = Bitmap::with_len(nblocks);
    let mut newest_set = Bitmap::with_len(nblocks);
    let mut map = Map::empty();
    let mut map_blocks = Vec::new();
    let mut superseded = Vec::new();
    let mut seen = BTreeSet::new();
    for (k, d) in sb.snaps.iter().enumerate() {
        if !seen.insert(d.generation) {
            return Err(Error::Corrupt(format!(
                "generation {} appears twice",
                d.generation
            )));
        }
        if d.generation > sb.max_generation {
            return Err(Error::Corrupt(format!(
                "generation {} is above the image's maximum {}",
                d.generation, sb.max_generation
            )));
        }
        let w = if k == 0 {
            let mut m = Map::with_pages(d.pages);
            let w = walk(dev, d, &mut |(level, i), e| {
                if level == 0 {
                    m.entries[i as usize] = e;
                } else {
                    m.levels[level as usize - 1][i as usize] = e;
                }
                newest_set.set(e.block as u64);
                used.set(e.block as u64);
                if d.role & role::RETAINED != 0 {
                    pinned.set(e.block as u64);
                }
            })?;
            map = m;
            w
        } else {
            let previous = d.role & role::PREVIOUS != 0;
            walk(dev, d, &mut |_, e| {
                let b = e.block as u64;
                used.set(b);
                if d.role & role::RETAINED != 0 {
                    pinned.set(b);
                }
                if previous && !newest_set.get(b) {
                    superseded.push(e.block);
                }
            })?
        };
        map_blocks.push(w.map_blocks);
    }
    superseded.sort_unstable();
    superseded.dedup();
    Ok(Loaded {
        map,
        map_blocks,
        used,
        pinned,
        superseded,
    })
}

impl<D: BlockDevice> Pager<D> {
    /// Formats `dev` as an empty image (no snapshot yet; every page reads
    /// as zeros). Whatever the device held is forgotten.
    pub fn create(mut dev: D) -> Result<Pager<D>, Error> {
        dev.grow(FIRST_DATA_BLOCK)
            .map_err(|e| dev_err("growing the device", e))?;
        let sb = Superblock {
            seq: 1,
            max_generation: 0,
            device_blocks: dev.blocks(),
            snaps: Vec::new(),
        };
        let zero = zero_block();
        dev.write(SUPERBLOCK_SLOTS[1], &zero)
            .map_err(|e| dev_err("clearing superblock slot 1", e))?;
        let mut b = zero_block();
        sb.encode(&mut b);
        dev.write(SUPERBLOCK_SLOTS[0], &b)
            .map_err(|e| dev_err("writing superblock slot 0", e))?;
        dev.flush()
            .map_err(|e| dev_err("flushing the new image", e))?;
        Pager::open(dev)
    }

    /// Opens an image: picks the newest superblock whose checksum verifies
    /// and whose snapshots' maps all verify (data blocks are verified when
    /// read, and by [`check`](Self::check)). Refuses an image of a newer
    /// format, and one where no superblock verifies.
    pub fn open(dev: D) -> Result<Pager<D>, Error> {
        if dev.blocks() < FIRST_DATA_BLOCK {
            return Err(Error::NotAnImage);
        }
        let mut slots = Vec::new();
        let mut b = zero_block();
        for s in SUPERBLOCK_SLOTS {
            dev.read(s, &mut b)
                .map_err(|e| dev_err(format!("reading superblock slot {s}"), e))?;
            slots.push((s, Superblock::decode(&b)));
        }
        if let Some(v) = slots.iter().find_map(|(_, x)| match x {
            Slot::Newer(v) => Some(*v),
            _ => None,
        }) {
            return Err(Error::NewerFormat {
                found: v,
                supported: FORMAT_VERSION,
            });
        }
        if slots.iter().all(|(_, x)| *x == Slot::Empty) {
            return Err(Error::NotAnImage);
        }
        let mut valid: Vec<(u64, Superblock)> = slots
            .iter()
            .filter_map(|(s, x)| match x {
                Slot::Valid(sb) => Some((*s, sb.clone())),
                _ => None,
            })
            .collect();
        valid.sort_by_key(|(_, sb)| core::cmp::Reverse(sb.seq));
        let mut problems = Vec::new();
        for (s, x) in &slots {
            if let Slot::Corrupt(why) = x {
                problems.push(format!("slot {s}: {why}"));
            }
        }
        let mut fallback = None;
        let mut newer: Option<Superblock> = None;
        for (slot, mut sb) in valid {
            if let Some(n) = &newer {
                // The newer superblock was complete but its maps are
                // damaged. Of this older one, only the snapshots the newer
                // one still kept are safe: the others' blocks may have
                // been reused after it was written.
                sb.snaps.retain(|d| {
                    n.snaps
                        .iter()
                        .any(|x| x.generation == d.generation && x.root == d.root)
                });
                if sb.snaps.first().is_none_or(|d| d.role & role::NEWEST == 0) {
                    break;
                }
                fallback = Some(problems.join("; "));
            }
            match load(&dev, &sb) {
                Ok(l) => {
                    return Ok(Pager {
                        dev,
                        slot,
                        map: l.map,
                        map_blocks: l.map_blocks,
                        used: l.used,
                        pinned: l.pinned,
                        superseded: l.superseded,
                        sb,
                        pending: None,
                        run: Vec::new(),
                        run_first: 0,
                        cursor: FIRST_DATA_BLOCK,
                        poisoned: None,
                        fallback,
                    })
                }
                Err(Error::Corrupt(m)) => {
                    problems.push(format!("slot {slot} (seq {}): {m}", sb.seq));
                    newer = Some(sb);
                }
                Err(e) => return Err(e),
            }
        }
        Err(Error::Corrupt(if problems.is_empty() {
            "no valid superblock".into()
        } else {
            problems.join("; ")
        }))
    }

    /// The device.
    pub fn device(&self) -> &D {
        &self.dev
    }

    /// The device, mutably (tests arm faults through this; writing to it
    /// behind the pager's back damages the image).
    pub fn device_mut_for_test(&mut self) -> &mut D {
        &mut self.dev
    }

    /// Gives the device back (an unfinished snapshot is abandoned).
    pub fn into_device(mut self) -> D {
        self.abort();
        self.dev
    }

    fn usable(&self) -> Result<(), Error> {
        match &self.poisoned {
            Some(m) => Err(Error::Poisoned(m.clone())),
            None => Ok(()),
        }
    }

    /// Logical size of the newest snapshot, in pages.
    pub fn pages(&self) -> u64 {
        self.map.pages
    }

    /// Generation of the newest snapshot (0 for an image without one).
    pub fn generation(&self) -> u64 {
        self.sb.snaps.first().map_or(0, |d| d.generation)
    }

    /// Starts writing snapshot `generation`, which must be larger than
    /// every generation committed to this image so far. The new snapshot
    /// starts as a copy of the newest one: only pages given to
    /// [`write_page`](Self::write_page) change.
    pub fn begin(&mut self, generation: u64) -> Result<(), Error> {
        self.usable()?;
        if self.pending.is_some() {
            return Err(Error::Usage(
                "a snapshot is already being written".to_string(),
            ));
        }
        if generation <= self.sb.max_generation {
            return Err(Error::Usage(format!(
                "snapshot generation {generation} is not above the image's {}",
                self.sb.max_generation
            )));
        }
        self.pending = Some(Pending {
            generation,
            time_ms: 0,
            pages: BTreeMap::new(),
            allocated: Vec::new(),
        });
        self.cursor = FIRST_DATA_BLOCK;
        Ok(())
    }

    /// Sets the time stamp (ms, any clock the caller likes) recorded with
    /// the snapshot being written.
    pub fn set_time(&mut self, time_ms: u64) -> Result<(), Error> {
        match &mut self.pending {
            Some(p) => {
                p.time_ms = time_ms;
                Ok(())
            }
            None => Err(Error::Usage("set_time without begin".to_string())),
        }
    }

    /// Adds page `page` with these contents to the snapshot being written
    /// (an all-zero page takes no block). The data goes to the device at
    /// once (or with the next consecutive blocks); it becomes durable at
    /// [`commit`](Self::commit). Writing the same page again replaces it.
    /// On an error the snapshot is abandoned; the previous one is intact.
    pub fn write_page(&mut self, page: u64, data: &Block) -> Result<(), Error> {
        self.usable()?;
        if page >= MAX_PAGES {
            return Err(Error::Usage(format!("page {page} is beyond 2^32 pages")));
        }
        let Some(p) = &mut self.pending else {
            return Err(Error::Usage("write_page without begin".to_string()));
        };
        let old = p.pages.get(&page).copied();
        if data.iter().all(|&b| b == 0) {
            if let Some(o) = old.filter(|o| !o.is_zero()) {
                // A block of this same snapshot: nobody else refers to it.
                self.used.clear(o.block as u64);
            }
            p.pages.insert(page, Entry::ZERO);
            return Ok(());
        }
        let block = match old.filter(|o| !o.is_zero()) {
            Some(o) => o.block,
            None => match self.alloc() {
                Ok(b) => b,
                Err(e) => {
                    self.abort();
                    return Err(e);
                }
            },
        };
        let e = Entry {
            block,
            crc: crc(data),
        };
        if let Err(e) = self.put(block, data) {
            self.abort();
            return Err(e);
        }
        if let Some(p) = &mut self.pending {
            p.pages.insert(page, e);
        }
        Ok(())
    }

    /// Allocates a free block for the pending snapshot, growing the device
    /// when none is left.
    fn alloc(&mut self) -> Result<u32, Error> {
        let nblocks = self.dev.blocks();
        let b = match self.used.find_clear(self.cursor, nblocks) {
            Some(b) => b,
            None => match self.used.find_clear(FIRST_DATA_BLOCK, nblocks) {
                Some(b) => b,
                None => {
                    let want = (nblocks + (nblocks / 8).max(64)).min(u32::MAX as u64);
                    if nblocks >= u32::MAX as u64 {
                        return Err(Error::DiskFull);
                    }
                    if let Err(e) = self.dev.grow(want) {
                        // Maybe there is room for less.
                        self.dev
                            .grow(nblocks + 1)
                            .map_err(|_| dev_err("growing the image", e))?;
                    }
                    self.used.grow(self.dev.blocks());
                    nblocks
                }
            },
        };
        self.used.set(b);
        self.cursor = b + 1;
        if let Some(p) = &mut self.pending {
            p.allocated.push(b as u32);
        }
        Ok(b as u32)
    }

    /// Queues a block write, gathering consecutive blocks into one run.
    fn put(&mut self, block: u32, data: &Block) -> Result<(), Error> {
        let b = block as u64;
        let n = (self.run.len() / BLOCK_SIZE) as u64;
        if n > 0 && (b != self.run_first + n || n as usize >= RUN_BLOCKS) {
            self.drain()?;
        }
        if self.run.is_empty() {
            self.run_first = b;
        }
        self.run.extend_from_slice(data);
        Ok(())
    }

    /// Writes the gathered run to the device.
    fn drain(&mut self) -> Result<(), Error> {
        if self.run.is_empty() {
            return Ok(());
        }
        let r = self.dev.write_run(self.run_first, &self.run);
        let n = self.run.len() / BLOCK_SIZE;
        self.run.clear();
        r.map_err(|e| {
            dev_err(
                format!(
                    "writing blocks {}..{}",
                    self.run_first,
                    self.run_first + n as u64
                ),
                e,
            )
        })
    }

    /// Abandons the snapshot being written (if any): its blocks are free
    /// again and the image is as before `begin`.
    pub fn abort(&mut self) {
        self.run.clear();
        if let Some(p) = self.pending.take() {
            for b in p.allocated {
                self.used.clear(b as u64);
            }
        }
    }

    /// Makes the snapshot being written durable and the newest one:
    /// writes the changed map blocks, flushes, writes the superblock into
    /// the older slot, flushes. The snapshot that was previous until now
    /// is dropped (unless retained) and its blocks are reused.
    ///
    /// On an error before the superblock write the snapshot is abandoned
    /// and the pager stays usable: the image still holds the snapshots it
    /// held before. On an error in the superblock write or the flush after
    /// it, it is unknown whether the new snapshot landed: the pager
    /// refuses further snapshots ([`Error::Poisoned`]) until the image is
    /// reopened, which finds out.
    pub fn commit(&mut self) -> Result<CommitStats, Error> {
        self.usable()?;
        let Some(mut p) = self.pending.take() else {
            return Err(Error::Usage("commit without begin".to_string()));
        };
        // Put it back so that `alloc` records the map blocks in it.
        let generation = p.generation;
        let data_written = p.allocated.len() as u64;
        let pages = core::mem::take(&mut p.pages);
        self.pending = Some(p);
        let built = self.build_map(&pages);
        let (map, superseded, data_blocks) = match built {
            Ok(x) => x,
            Err(e) => {
                self.abort();
                return Err(e);
            }
        };
        if let Err(e) = self.drain().and_then(|_| {
            self.dev
                .flush()
                .map_err(|e| dev_err("flushing data and map blocks", e))
        }) {
            self.abort();
            return Err(e);
        }
        let p = self.pending.take().unwrap_or_else(|| unreachable!());
        let map_written = p.allocated.len() as u64 - data_written;
        let new = Descriptor {
            generation,
            pages: map.pages,
            root: map.root(),
            depth: map.depth(),
            role: role::NEWEST,
            data_blocks,
            time_ms: p.time_ms,
            name: String::new(),
        };
        let mut snaps = vec![new];
        let mut map_blocks = vec![map.map_blocks()];
        for (d, mb) in self.sb.snaps.iter().zip(&self.map_blocks) {
            let mut d = d.clone();
            d.role = if d.role & role::NEWEST != 0 {
                role::PREVIOUS | (d.role & role::RETAINED)
            } else {
                d.role & role::RETAINED
            };
            if d.role != 0 {
                snaps.push(d);
                map_blocks.push(*mb);
            }
        }
        if snaps.len() > MAX_SNAPSHOTS {
            self.used_release(&p.allocated);
            return Err(Error::Usage(format!(
                "too many retained snapshots (at most {})",
                MAX_SNAPSHOTS - 2
            )));
        }
        let sb = Superblock {
            seq: self.sb.seq + 1,
            max_generation: generation,
            device_blocks: self.dev.blocks(),
            snaps,
        };
        let slot = self.write_superblock(&sb)?;
        // Durable. The pre-previous snapshot is gone: free what only it used.
        let mut freed = 0;
        for b in core::mem::replace(&mut self.superseded, superseded) {
            if !self.pinned.get(b as u64) {
                self.used.clear(b as u64);
                freed += 1;
            }
        }
        self.sb = sb;
        self.slot = slot;
        self.map = map;
        self.map_blocks = map_blocks;
        Ok(CommitStats {
            generation,
            data_blocks_written: data_written,
            map_blocks_written: map_written,
            blocks_freed: freed,
        })
    }

    fn used_release(&mut self, blocks: &[u32]) {
        for &b in blocks {
            self.used.clear(b as u64);
        }
    }

    /// Writes `sb` into the slot not holding the current superblock and
    /// flushes. Any error poisons the pager.
    fn write_superblock(&mut self, sb: &Superblock) -> Result<u64, Error> {
        let slot = SUPERBLOCK_SLOTS[if self.slot == SUPERBLOCK_SLOTS[0] {
            1
        } else {
            0
        }];
        let mut b = zero_block();
        sb.encode(&mut b);
        let r = self
            .dev
            .write(slot, &b)
            .map_err(|e| dev_err(format!("writing superblock slot {slot}"), e))
            .and_then(|_| {
                self.dev
                    .flush()
                    .map_err(|e| dev_err("flushing the superblock", e))
            });
        if let Err(e) = r {
            self.poisoned = Some(e.to_string());
            return Err(e);
        }
        Ok(slot)
    }

    /// The new map with the pending pages applied and the changed map
    /// blocks written; the blocks of the newest snapshot it no longer uses;
    /// its count of data blocks.
    fn build_map(&mut self, pages: &BTreeMap<u64, Entry>) -> Result<(Map, Vec<u32>, u64), Error> {
        let mut map = self.map.clone();
        let mut superseded = Vec::new();
        let mut data_blocks = self.sb.snaps.first().map_or(0, |d| d.data_blocks);
        if let Some((&last, _)) = pages.last_key_value() {
            map.grow(last + 1);
        }
        let mut dirty: BTreeSet<usize> = BTreeSet::new();
        for (&page, &e) in pages {
            let old = core::mem::replace(&mut map.entries[page as usize], e);
            if !old.is_zero() {
                superseded.push(old.block);
                data_blocks -= 1;
            }
            if !e.is_zero() {
                data_blocks += 1;
            }
            dirty.insert(page as usize / FANOUT);
        }
        let mut node = zero_block();
        for l in 0..map.levels.len() {
            let mut up = BTreeSet::new();
            for &i in &dirty {
                let children = map.children(l, i);
                let new = if children.iter().all(|e| e.is_zero()) {
                    Entry::ZERO
                } else {
                    encode_node(children, &mut node);
                    let b = self.alloc()?;
                    self.put(b, &node)?;
                    Entry {
                        block: b,
                        crc: crc(&node[..]),
                    }
                };
                let old = core::mem::replace(&mut map.levels[l][i], new);
                if !old.is_zero() {
                    superseded.push(old.block);
                }
                up.insert(i / FANOUT);
            }
            dirty = up;
        }
        Ok((map, superseded, data_blocks))
    }

    /// Reads page `page` of the newest snapshot into `buf`, verifying its
    /// checksum. Pages never written (or beyond the size) read as zeros.
    pub fn read_page(&self, page: u64, buf: &mut Block) -> Result<(), Error> {
        let e = self
            .map
            .entries
            .get(page as usize)
            .copied()
            .unwrap_or(Entry::ZERO);
        self.read_entry(page, e, buf)
    }

    fn read_entry(&self, page: u64, e: Entry, buf: &mut Block) -> Result<(), Error> {
        if e.is_zero() {
            buf.fill(0);
            return Ok(());
        }
        self.dev
            .read(e.block as u64, buf)
            .map_err(|x| dev_err(format!("reading page {page} (block {})", e.block), x))?;
        if crc(&buf[..]) != e.crc {
            return Err(Error::PageChecksum {
                page,
                block: e.block,
            });
        }
        Ok(())
    }

    /// Where page `page` of the newest snapshot is stored (block 0: all
    /// zeros). Lets a lazy loader read pages without the pager.
    pub fn page_entry(&self, page: u64) -> Entry {
        self.map
            .entries
            .get(page as usize)
            .copied()
            .unwrap_or(Entry::ZERO)
    }

    /// Every page's entry in the newest snapshot, by page number.
    pub fn page_entries(&self) -> &[Entry] {
        &self.map.entries
    }

    fn find(&self, which: Which<'_>) -> Result<usize, Error> {
        self.sb
            .snaps
            .iter()
            .position(|d| match which {
                Which::Generation(g) => d.generation == g,
                Which::Name(n) => d.role & role::RETAINED != 0 && d.name == n,
            })
            .ok_or_else(|| {
                Error::NoSuchSnapshot(match which {
                    Which::Generation(g) => format!("with generation {g}"),
                    Which::Name(n) => format!("named {n:?}"),
                })
            })
    }

    /// Reads page `page` of any kept snapshot (walks its map on the device).
    pub fn read_snapshot_page(
        &self,
        which: Which<'_>,
        page: u64,
        buf: &mut Block,
    ) -> Result<(), Error> {
        let d = &self.sb.snaps[self.find(which)?];
        if page >= d.pages {
            buf.fill(0);
            return Ok(());
        }
        let mut e = d.root;
        let mut node = zero_block();
        for level in (1..=d.depth).rev() {
            if e.is_zero() {
                break;
            }
            self.dev
                .read(e.block as u64, &mut node)
                .map_err(|x| dev_err(format!("reading map block {}", e.block), x))?;
            if crc(&node[..]) != e.crc {
                return Err(Error::Corrupt(format!(
                    "map block {} fails its checksum",
                    e.block
                )));
            }
            let span = (FANOUT as u64).pow(level as u32 - 1);
            e = node_entry(&node, ((page / span) % FANOUT as u64) as usize);
        }
        self.read_entry(page, e, buf)
    }

    /// The snapshots kept in the image, newest first.
    pub fn snapshots(&self) -> Vec<SnapshotInfo> {
        self.sb
            .snaps
            .iter()
            .zip(&self.map_blocks)
            .map(|(d, &mb)| SnapshotInfo {
                generation: d.generation,
                pages: d.pages,
                data_blocks: d.data_blocks,
                map_blocks: mb,
                time_ms: d.time_ms,
                newest: d.role & role::NEWEST != 0,
                previous: d.role & role::PREVIOUS != 0,
                name: (d.role & role::RETAINED != 0).then(|| d.name.clone()),
            })
            .collect()
    }

    /// The image's header and snapshots.
    pub fn info(&self) -> ImageInfo {
        ImageInfo {
            format_version: FORMAT_VERSION,
            block_size: BLOCK_SIZE,
            seq: self.sb.seq,
            slot: self.slot,
            device_blocks: self.dev.blocks(),
            used_blocks: self.used.count(),
            max_generation: self.sb.max_generation,
            pending: self.pending.as_ref().map(|p| p.generation),
            fallback: self.fallback.clone(),
            snapshots: self.snapshots(),
        }
    }

    /// Verifies the whole image: every kept snapshot's map and every data
    /// block's checksum, that no block serves two purposes, and that the
    /// allocator's idea of used blocks matches the maps. Reports problems
    /// rather than stopping at the first; fails only on I/O errors.
    pub fn check(&self) -> Result<CheckReport, Error> {
        self.check_with(&mut |_, _| {})
    }

    /// [`check`](Self::check) with progress: `progress(done, total)` in
    /// snapshots' data blocks.
    pub fn check_with(&self, progress: &mut dyn FnMut(u64, u64)) -> Result<CheckReport, Error> {
        let mut report = CheckReport {
            snapshots: self.sb.snaps.len(),
            ..CheckReport::default()
        };
        let total: u64 = self.sb.snaps.iter().map(|d| d.data_blocks).sum();
        let mut done = 0u64;
        // block -> (place, checksum) of its first use.
        let mut owner: BTreeMap<u32, (Place, u32)> = BTreeMap::new();
        let mut buf = zero_block();
        let mut referenced = Bitmap::with_len(self.dev.blocks());
        for s in SUPERBLOCK_SLOTS {
            referenced.set(s);
        }
        for d in &self.sb.snaps {
            let mut places = Vec::new();
            let r = walk(&self.dev, d, &mut |place, e| places.push((place, e)));
            if let Err(e) = r {
                match e {
                    Error::Corrupt(m) => {
                        report.problems.push(m);
                        continue;
                    }
                    e => return Err(e),
                }
            }
            let mut mine = BTreeSet::new();
            for (place, e) in places {
                referenced.set(e.block as u64);
                if !mine.insert(e.block) {
                    report.problems.push(format!(
                        "snapshot {}: block {} is used twice",
                        d.generation, e.block
                    ));
                }
                match owner.get(&e.block) {
                    Some(&(p, c)) => {
                        if p != place || c != e.crc {
                            report.problems.push(format!(
                                "block {} serves two purposes (level {} #{} and level {} #{})",
                                e.block, p.0, p.1, place.0, place.1
                            ));
                        }
                        continue;
                    }
                    None => {
                        owner.insert(e.block, (place, e.crc));
                    }
                }
                if place.0 == 0 {
                    match self.read_entry(place.1, e, &mut buf) {
                        Ok(()) => {}
                        Err(Error::PageChecksum { page, block }) => report.problems.push(format!(
                            "snapshot {}: page {page} (block {block}) fails its checksum",
                            d.generation
                        )),
                        Err(e) => return Err(e),
                    }
                    report.data_blocks += 1;
                    done += 1;
                    if done & 1023 == 0 {
                        progress(done, total);
                    }
                } else {
                    report.map_blocks += 1;
                }
            }
        }
        progress(total, total);
        if self.pending.is_none() && referenced.words != self.used.words {
            let n = self.dev.blocks();
            let leaked = (0..n)
                .filter(|&b| self.used.get(b) && !referenced.get(b))
                .count();
            let lost = (0..n)
                .filter(|&b| !self.used.get(b) && referenced.get(b))
                .count();
            if leaked + lost > 0 {
                report.problems.push(format!(
                    "allocator out of step with the maps: {leaked} blocks leaked, {lost} referenced but free"
                ));
            }
        }
        Ok(report)
    }

    /// Keeps the newest snapshot under `name` until
    /// [`release`](Self::release)d: its blocks are not reused, and
    /// [`restore`](Self::restore) can make it the newest again. Writes a
    /// new superblock (no snapshot may be in progress).
    pub fn retain(&mut self, name: &str) -> Result<(), Error> {
        if name.is_empty() || name.len() > NAME_LEN {
            return Err(Error::Usage(format!(
                "a snapshot name has 1 to {NAME_LEN} bytes"
            )));
        }
        if self.find(Which::Name(name)).is_ok() {
            return Err(Error::Usage(format!("a snapshot named {name:?} exists")));
        }
        let retained = self
            .sb
            .snaps
            .iter()
            .filter(|d| d.role & role::RETAINED != 0)
            .count();
        if retained + 2 >= MAX_SNAPSHOTS {
            return Err(Error::Usage(format!(
                "too many retained snapshots (at most {})",
                MAX_SNAPSHOTS - 2
            )));
        }
        let mut sb = self.sb.clone();
        let Some(d) = sb.snaps.first_mut() else {
            return Err(Error::NoSuchSnapshot(
                "to retain: the image is empty".into(),
            ));
        };
        d.role |= role::RETAINED;
        d.name = name.into();
        self.rewrite(sb)
    }

    /// Stops retaining the snapshot named `name`; unless it is the newest
    /// or the previous one, it is dropped and its blocks are reused.
    pub fn release(&mut self, name: &str) -> Result<(), Error> {
        let i = self.find(Which::Name(name))?;
        let mut sb = self.sb.clone();
        sb.snaps[i].role &= !role::RETAINED;
        sb.snaps[i].name.clear();
        if sb.snaps[i].role == 0 {
            sb.snaps.remove(i);
        }
        self.rewrite(sb)
    }

    /// Makes a kept snapshot the newest again (restart from it): the
    /// current newest becomes the previous one, so nothing is lost by this
    /// alone. The next snapshot must still have a generation above every
    /// one committed so far.
    pub fn restore(&mut self, which: Which<'_>) -> Result<(), Error> {
        let i = self.find(which)?;
        if i == 0 {
            return Ok(());
        }
        let mut sb = self.sb.clone();
        let mut chosen = sb.snaps.remove(i);
        for d in &mut sb.snaps {
            d.role = if d.role & role::NEWEST != 0 {
                role::PREVIOUS | (d.role & role::RETAINED)
            } else {
                d.role & role::RETAINED
            };
        }
        sb.snaps.retain(|d| d.role != 0);
        chosen.role = role::NEWEST | (chosen.role & role::RETAINED);
        sb.snaps.insert(0, chosen);
        self.rewrite(sb)
    }

    /// Commits a superblock that changes only which snapshots are kept,
    /// then rederives the in-memory state from it.
    fn rewrite(&mut self, mut sb: Superblock) -> Result<(), Error> {
        self.usable()?;
        if self.pending.is_some() {
            return Err(Error::Usage(
                "a snapshot is being written; commit or abort it first".to_string(),
            ));
        }
        sb.seq = self.sb.seq + 1;
        sb.device_blocks = self.dev.blocks();
        let slot = self.write_superblock(&sb)?;
        let l = match load(&self.dev, &sb) {
            Ok(l) => l,
            Err(e) => {
                self.poisoned = Some(e.to_string());
                return Err(e);
            }
        };
        self.sb = sb;
        self.slot = slot;
        self.map = l.map;
        self.map_blocks = l.map_blocks;
        self.used = l.used;
        self.pinned = l.pinned;
        self.superseded = l.superseded;
        Ok(())
    }
}
