//! A fault-injecting block device for tests.
//!
//! [`FaultyDevice`] wraps a device that stands for the durable medium and
//! puts a volatile write cache in front of it, the way an operating
//! system's page cache and a disk's own cache behave:
//!
//! * a write goes to the cache; reads see it at once;
//! * [`flush`](BlockDevice::flush) moves the whole cache to the medium;
//! * a **crash** (a [`Fault`] firing, or [`FaultyDevice::crash_now`]) applies
//!   the cache to the medium according to the [`CrashPolicy`]: each block
//!   written since the last flush independently survives whole, is lost, or
//!   is torn (some of its 512-byte sectors new, the others old), which
//!   covers every subset and order in which the writes could have reached
//!   the medium; after it every operation fails with
//!   [`DevError::Crashed`] and [`FaultyDevice::into_inner`] gives the
//!   medium as a restarted machine would find it;
//! * a **failed flush** reports an error after applying the cache the same
//!   way and forgetting it (Linux marks pages clean after a write-back
//!   error, so a retried `fsync` would wrongly succeed);
//! * a **failed write** reports an error and changes nothing;
//! * a **full disk** ([`FaultyDevice::set_capacity`]): growing beyond the
//!   capacity fails with [`DevError::NoSpace`].
//!
//! The device's size is kept by the medium at once (a grow is never lost).

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::format;
use alloc::vec::Vec;
use core::ops::Range;

use crate::dev::{zero_block, Block, BlockDevice, DevError, BLOCK_SIZE};

/// Sector size used for torn writes.
pub const SECTOR: usize = 512;

/// One injected fault. `nth` counts from 0 over the operations that match
/// (writes to a block in `blocks`, or flushes), starting when the fault is
/// added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// That write fails with an I/O error; nothing of it lands.
    FailWrite {
        /// Which matching write.
        nth: u64,
        /// Blocks whose writes count.
        blocks: Range<u64>,
    },
    /// That write lands only its first `bytes` bytes on the medium, then
    /// the machine crashes.
    TornWrite {
        /// Which matching write.
        nth: u64,
        /// Blocks whose writes count.
        blocks: Range<u64>,
        /// Bytes of it that land.
        bytes: usize,
    },
    /// The machine crashes just before that write.
    CrashBeforeWrite {
        /// Which matching write.
        nth: u64,
        /// Blocks whose writes count.
        blocks: Range<u64>,
    },
    /// That flush fails (see the module documentation).
    FailFlush {
        /// Which flush.
        nth: u64,
    },
    /// The machine crashes just before that flush.
    CrashBeforeFlush {
        /// Which flush.
        nth: u64,
    },
}

/// What happens to unflushed writes at a crash or a failed flush.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CrashPolicy {
    /// Every unflushed write is lost.
    LoseAll,
    /// Every unflushed write landed.
    KeepAll,
    /// Each unflushed block independently lands, is lost or is torn,
    /// decided by a generator seeded with this.
    Random(u64),
}

struct Armed {
    fault: Fault,
    seen: u64,
}

/// The fault-injecting device (see the module documentation).
pub struct FaultyDevice<D: BlockDevice> {
    inner: D,
    cache: BTreeMap<u64, Box<Block>>,
    faults: Vec<Armed>,
    policy: CrashPolicy,
    rng: u64,
    capacity: Option<u64>,
    crashed: bool,
    writes: u64,
    flushes: u64,
}

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl<D: BlockDevice> FaultyDevice<D> {
    /// Wraps `inner` (the durable medium).
    pub fn new(inner: D, policy: CrashPolicy) -> FaultyDevice<D> {
        let rng = match policy {
            CrashPolicy::Random(s) => s,
            _ => 0,
        };
        FaultyDevice {
            inner,
            cache: BTreeMap::new(),
            faults: Vec::new(),
            policy,
            rng,
            capacity: None,
            crashed: false,
            writes: 0,
            flushes: 0,
        }
    }

    /// Arms a fault.
    pub fn inject(&mut self, fault: Fault) {
        self.faults.push(Armed { fault, seen: 0 });
    }

    /// Disarms every fault that has not fired.
    pub fn clear_faults(&mut self) {
        self.faults.clear();
    }

    /// The medium holds at most `blocks` blocks (`None`: unlimited).
    pub fn set_capacity(&mut self, blocks: Option<u64>) {
        self.capacity = blocks;
    }

    /// Whether the device has crashed.
    pub fn crashed(&self) -> bool {
        self.crashed
    }

    /// Writes accepted so far (successful ones).
    pub fn writes(&self) -> u64 {
        self.writes
    }

    /// Flushes so far (successful ones).
    pub fn flushes(&self) -> u64 {
        self.flushes
    }

    /// Blocks written since the last flush.
    pub fn unflushed(&self) -> usize {
        self.cache.len()
    }

    /// Crashes now: unflushed writes land according to the policy.
    pub fn crash_now(&mut self) {
        if !self.crashed {
            self.settle_cache();
            self.crashed = true;
        }
    }

    /// The medium, as a restarted machine finds it. Call after a crash (or
    /// [`crash_now`](Self::crash_now)); without one, the unflushed writes
    /// are settled by the policy first.
    pub fn into_inner(mut self) -> D {
        self.crash_now();
        self.inner
    }

    /// The medium as it is now (unflushed writes not applied).
    pub fn inner(&self) -> &D {
        &self.inner
    }

    /// Applies the cache to the medium according to the policy, empties it.
    fn settle_cache(&mut self) {
        let cache = core::mem::take(&mut self.cache);
        for (index, new) in cache {
            match self.policy {
                CrashPolicy::LoseAll => {}
                CrashPolicy::KeepAll => {
                    let _ = self.inner.write(index, &new);
                }
                CrashPolicy::Random(_) => match splitmix(&mut self.rng) % 3 {
                    0 => {}
                    1 => {
                        let _ = self.inner.write(index, &new);
                    }
                    _ => {
                        let mut old = zero_block();
                        let _ = self.inner.read(index, &mut old);
                        let mask = splitmix(&mut self.rng);
                        for s in 0..BLOCK_SIZE / SECTOR {
                            if mask >> s & 1 == 1 {
                                let r = s * SECTOR..(s + 1) * SECTOR;
                                old[r.clone()].copy_from_slice(&new[r]);
                            }
                        }
                        let _ = self.inner.write(index, &old);
                    }
                },
            }
        }
        let _ = self.inner.flush();
    }

    /// Finds the first armed write fault that fires for this write.
    fn write_fault(&mut self, index: u64) -> Option<Fault> {
        let mut fired = None;
        for a in &mut self.faults {
            let (nth, blocks) = match &a.fault {
                Fault::FailWrite { nth, blocks }
                | Fault::TornWrite { nth, blocks, .. }
                | Fault::CrashBeforeWrite { nth, blocks } => (*nth, blocks),
                _ => continue,
            };
            if !blocks.contains(&index) {
                continue;
            }
            if a.seen == nth && fired.is_none() {
                fired = Some(a.fault.clone());
            }
            a.seen += 1;
        }
        fired
    }

    fn flush_fault(&mut self) -> Option<Fault> {
        let mut fired = None;
        for a in &mut self.faults {
            let nth = match &a.fault {
                Fault::FailFlush { nth } | Fault::CrashBeforeFlush { nth } => *nth,
                _ => continue,
            };
            if a.seen == nth && fired.is_none() {
                fired = Some(a.fault.clone());
            }
            a.seen += 1;
        }
        fired
    }
}

impl<D: BlockDevice> BlockDevice for FaultyDevice<D> {
    fn blocks(&self) -> u64 {
        self.inner.blocks()
    }

    fn grow(&mut self, blocks: u64) -> Result<(), DevError> {
        if self.crashed {
            return Err(DevError::Crashed);
        }
        if self.capacity.is_some_and(|c| blocks > c) {
            return Err(DevError::NoSpace);
        }
        self.inner.grow(blocks)
    }

    fn read(&self, index: u64, buf: &mut Block) -> Result<(), DevError> {
        if self.crashed {
            return Err(DevError::Crashed);
        }
        match self.cache.get(&index) {
            Some(b) => {
                buf.copy_from_slice(&b[..]);
                Ok(())
            }
            None => self.inner.read(index, buf),
        }
    }

    fn write(&mut self, index: u64, buf: &Block) -> Result<(), DevError> {
        if self.crashed {
            return Err(DevError::Crashed);
        }
        if index >= self.blocks() {
            return Err(DevError::OutOfRange {
                block: index,
                blocks: self.blocks(),
            });
        }
        match self.write_fault(index) {
            Some(Fault::FailWrite { .. }) => {
                return Err(DevError::Io(format!(
                    "injected write error at block {index}"
                )))
            }
            Some(Fault::CrashBeforeWrite { .. }) => {
                self.crash_now();
                return Err(DevError::Crashed);
            }
            Some(Fault::TornWrite { bytes, .. }) => {
                // Older unflushed writes settle first; then the torn one
                // lands over whatever the medium holds.
                self.settle_cache();
                let mut b = zero_block();
                let _ = self.inner.read(index, &mut b);
                let n = bytes.min(BLOCK_SIZE);
                b[..n].copy_from_slice(&buf[..n]);
                let _ = self.inner.write(index, &b);
                let _ = self.inner.flush();
                self.crashed = true;
                return Err(DevError::Crashed);
            }
            _ => {}
        }
        let mut b = zero_block();
        b.copy_from_slice(buf);
        self.cache.insert(index, b);
        self.writes += 1;
        Ok(())
    }

    fn flush(&mut self) -> Result<(), DevError> {
        if self.crashed {
            return Err(DevError::Crashed);
        }
        match self.flush_fault() {
            Some(Fault::FailFlush { .. }) => {
                self.settle_cache();
                return Err(DevError::Io("injected flush error".into()));
            }
            Some(Fault::CrashBeforeFlush { .. }) => {
                self.crash_now();
                return Err(DevError::Crashed);
            }
            _ => {}
        }
        let cache = core::mem::take(&mut self.cache);
        for (index, b) in cache {
            self.inner.write(index, &b)?;
        }
        self.inner.flush()?;
        self.flushes += 1;
        Ok(())
    }
}
