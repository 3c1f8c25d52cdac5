//! Block devices: the platform below the image format.
//!
//! A block device is an array of [`BLOCK_SIZE`]-byte blocks. Writes may sit
//! in a volatile cache until [`BlockDevice::flush`] returns: only then are
//! they durable. Nothing is promised about the order in which unflushed
//! writes reach the medium, nor that a single block write is atomic (a
//! power cut can leave a block half old, half new). The image format is
//! built on exactly these two guarantees: a successful `flush` makes every
//! earlier successful write durable, and a block that was not written since
//! the last flush keeps its contents.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// Bytes in a block (and in a page of the object memory).
pub const BLOCK_SIZE: usize = 4096;

/// One block.
pub type Block = [u8; BLOCK_SIZE];

/// A zero-filled block on the heap.
pub fn zero_block() -> Box<Block> {
    alloc::vec![0u8; BLOCK_SIZE]
        .into_boxed_slice()
        .try_into()
        .unwrap_or_else(|_| unreachable!())
}

/// What went wrong in a block device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DevError {
    /// The medium is full: it cannot grow to hold this block.
    NoSpace,
    /// A block index at or beyond the device's size.
    OutOfRange {
        /// The block asked for.
        block: u64,
        /// The device's size in blocks.
        blocks: u64,
    },
    /// The device crashed (fault injection): nothing more reaches it.
    Crashed,
    /// Any other I/O error, with the platform's description.
    Io(String),
}

impl fmt::Display for DevError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DevError::NoSpace => f.write_str("no space left on the device"),
            DevError::OutOfRange { block, blocks } => {
                write!(f, "block {block} is beyond the device's {blocks} blocks")
            }
            DevError::Crashed => f.write_str("the device has crashed"),
            DevError::Io(m) => f.write_str(m),
        }
    }
}

/// An array of 4096-byte blocks with a durability barrier.
pub trait BlockDevice {
    /// The device's size in blocks.
    fn blocks(&self) -> u64;

    /// Makes the device at least `blocks` blocks long (new blocks read as
    /// zeros). [`DevError::NoSpace`] when the medium cannot hold them.
    fn grow(&mut self, blocks: u64) -> Result<(), DevError>;

    /// Reads block `index`: the last data written to it, flushed or not.
    fn read(&self, index: u64, buf: &mut Block) -> Result<(), DevError>;

    /// Writes block `index` (volatile until the next [`flush`](Self::flush)).
    fn write(&mut self, index: u64, buf: &Block) -> Result<(), DevError>;

    /// Writes consecutive blocks from `first` (`data.len()` is a multiple
    /// of [`BLOCK_SIZE`]). Devices that can do one large transfer override
    /// this; the default writes block by block.
    fn write_run(&mut self, first: u64, data: &[u8]) -> Result<(), DevError> {
        debug_assert_eq!(data.len() % BLOCK_SIZE, 0);
        for (i, chunk) in data.chunks_exact(BLOCK_SIZE).enumerate() {
            let b: &Block = chunk.try_into().unwrap_or_else(|_| unreachable!());
            self.write(first + i as u64, b)?;
        }
        Ok(())
    }

    /// Durability barrier: returns once every earlier write is on the
    /// medium. After an error nothing is known about the unflushed writes.
    fn flush(&mut self) -> Result<(), DevError>;
}

impl<D: BlockDevice + ?Sized> BlockDevice for Box<D> {
    fn blocks(&self) -> u64 {
        (**self).blocks()
    }
    fn grow(&mut self, blocks: u64) -> Result<(), DevError> {
        (**self).grow(blocks)
    }
    fn read(&self, index: u64, buf: &mut Block) -> Result<(), DevError> {
        (**self).read(index, buf)
    }
    fn write(&mut self, index: u64, buf: &Block) -> Result<(), DevError> {
        (**self).write(index, buf)
    }
    fn write_run(&mut self, first: u64, data: &[u8]) -> Result<(), DevError> {
        (**self).write_run(first, data)
    }
    fn flush(&mut self) -> Result<(), DevError> {
        (**self).flush()
    }
}

/// A device in memory (tests, and the durable medium under
/// [`FaultyDevice`](crate::fault::FaultyDevice)). Writes are durable at
/// once.
#[derive(Clone, Default)]
pub struct MemDevice {
    data: Vec<u8>,
    /// Largest size it may grow to, in blocks (`None`: unlimited).
    pub capacity: Option<u64>,
}

impl MemDevice {
    /// An empty device.
    pub fn new() -> MemDevice {
        MemDevice::default()
    }

    /// The raw contents (tests corrupt images through this).
    pub fn bytes_mut(&mut self) -> &mut [u8] {
        &mut self.data
    }

    /// The raw contents.
    pub fn bytes(&self) -> &[u8] {
        &self.data
    }

    fn check(&self, index: u64) -> Result<usize, DevError> {
        if index >= self.blocks() {
            return Err(DevError::OutOfRange {
                block: index,
                blocks: self.blocks(),
            });
        }
        Ok(index as usize * BLOCK_SIZE)
    }
}

impl BlockDevice for MemDevice {
    fn blocks(&self) -> u64 {
        (self.data.len() / BLOCK_SIZE) as u64
    }
    fn grow(&mut self, blocks: u64) -> Result<(), DevError> {
        if blocks > self.blocks() {
            if self.capacity.is_some_and(|c| blocks > c) {
                return Err(DevError::NoSpace);
            }
            self.data.resize(blocks as usize * BLOCK_SIZE, 0);
        }
        Ok(())
    }
    fn read(&self, index: u64, buf: &mut Block) -> Result<(), DevError> {
        let o = self.check(index)?;
        buf.copy_from_slice(&self.data[o..o + BLOCK_SIZE]);
        Ok(())
    }
    fn write(&mut self, index: u64, buf: &Block) -> Result<(), DevError> {
        let o = self.check(index)?;
        self.data[o..o + BLOCK_SIZE].copy_from_slice(buf);
        Ok(())
    }
    fn flush(&mut self) -> Result<(), DevError> {
        Ok(())
    }
}
