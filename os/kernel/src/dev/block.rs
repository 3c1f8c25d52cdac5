//! Block device interface: asynchronous request objects with completion
//! callbacks (run on the DPC thread), DMA buffers, and a synchronous helper.

use alloc::boxed::Box;
use alloc::sync::Arc;

use crate::mm::{phys, PAGE_SIZE};
use crate::sync::sema::Semaphore;
use crate::sync::spin::SpinLock;

/// Sector size of every block device here.
pub const SECTOR: usize = 512;

/// Why a request failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IoError {
    /// The range is outside the device or the buffer is not whole sectors.
    OutOfRange,
    /// The device reported an error.
    Device,
    /// Writing to a read-only device.
    ReadOnly,
    /// No memory for buffers.
    NoMemory,
    /// The synchronous helper gave up waiting.
    Timeout,
}

/// Physically contiguous, identity-mapped memory a device can DMA to.
pub struct DmaBuf {
    phys: u64,
    pages: usize,
    len: usize,
}

impl DmaBuf {
    /// Allocates a zeroed buffer of `len` bytes.
    pub fn new(len: usize) -> Result<DmaBuf, IoError> {
        let pages = len.max(1).div_ceil(PAGE_SIZE as usize);
        let phys = phys::alloc_contiguous(pages).ok_or(IoError::NoMemory)?;
        // SAFETY: freshly allocated, identity-mapped frames.
        unsafe { core::ptr::write_bytes(phys as *mut u8, 0, pages * PAGE_SIZE as usize) };
        Ok(DmaBuf { phys, pages, len })
    }

    /// Physical address for the device.
    pub fn phys(&self) -> u64 {
        self.phys
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the buffer is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The contents.
    pub fn as_slice(&self) -> &[u8] {
        // SAFETY: we own `len` bytes at this identity-mapped address.
        unsafe { core::slice::from_raw_parts(self.phys as *const u8, self.len) }
    }

    /// The contents, writable.
    pub fn as_mut_slice(&mut self) -> &mut [u8] {
        // SAFETY: as above, exclusively.
        unsafe { core::slice::from_raw_parts_mut(self.phys as *mut u8, self.len) }
    }
}

impl Drop for DmaBuf {
    fn drop(&mut self) {
        if let Err(e) = phys::free_contiguous(self.phys, self.pages) {
            crate::error!("disk", "freeing DMA buffer {:#x}: {}", self.phys, e);
        }
    }
}

/// Direction of a transfer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// Device to memory.
    Read,
    /// Memory to device.
    Write,
    /// Durability barrier: completes once every earlier completed write is
    /// on the medium (the buffer is not transferred; the sector is ignored).
    Flush,
}

/// What a completion callback receives: the request's buffer back, and the outcome.
pub struct Completion {
    /// Direction.
    pub op: Op,
    /// First sector.
    pub sector: u64,
    /// The buffer (holding the data read, for reads).
    pub buf: DmaBuf,
    /// Outcome.
    pub result: Result<(), IoError>,
}

/// Called once when a request finishes, on the DPC thread.
pub type Callback = Box<dyn FnOnce(Completion) + Send>;

/// One asynchronous transfer of `buf.len()` bytes (whole sectors) at `sector`.
pub struct Request {
    /// Direction.
    pub op: Op,
    /// First sector.
    pub sector: u64,
    /// Data.
    pub buf: DmaBuf,
    /// Completion callback.
    pub done: Callback,
}

impl Request {
    /// Checks the request against a device of `sectors` sectors.
    pub fn validate(&self, sectors: u64) -> Result<(), IoError> {
        if self.op == Op::Flush {
            return Ok(());
        }
        let len = self.buf.len();
        if self.buf.is_empty() || !len.is_multiple_of(SECTOR) {
            return Err(IoError::OutOfRange);
        }
        let end = self
            .sector
            .checked_add((len / SECTOR) as u64)
            .ok_or(IoError::OutOfRange)?;
        if end > sectors {
            return Err(IoError::OutOfRange);
        }
        Ok(())
    }

    /// Finishes the request: queues its callback on the DPC thread.
    pub fn complete(self, result: Result<(), IoError>) {
        let Request {
            op,
            sector,
            buf,
            done,
        } = self;
        crate::task::dpc::queue(move || {
            done(Completion {
                op,
                sector,
                buf,
                result,
            })
        });
    }
}

/// A disk, a partition, or anything else that stores sectors.
pub trait BlockDevice: Send + Sync {
    /// Short name for logs.
    fn name(&self) -> &str;
    /// Capacity in sectors.
    fn sectors(&self) -> u64;
    /// Starts a transfer. Invalid requests complete with an error (through
    /// the callback, like every other outcome).
    fn submit(&self, req: Request);
}

/// A contiguous range of another device's sectors.
pub struct Slice {
    dev: Arc<dyn BlockDevice>,
    name: alloc::string::String,
    start: u64,
    sectors: u64,
}

impl Slice {
    /// The range [start, start + sectors) of `dev`; None if it does not fit.
    pub fn new(dev: Arc<dyn BlockDevice>, name: &str, start: u64, sectors: u64) -> Option<Slice> {
        (start.checked_add(sectors)? <= dev.sectors()).then(|| Slice {
            dev,
            name: name.into(),
            start,
            sectors,
        })
    }
}

impl BlockDevice for Slice {
    fn name(&self) -> &str {
        &self.name
    }
    fn sectors(&self) -> u64 {
        self.sectors
    }
    fn submit(&self, mut req: Request) {
        if let Err(e) = req.validate(self.sectors) {
            return req.complete(Err(e));
        }
        let start = self.start;
        let done = core::mem::replace(&mut req.done, Box::new(|_| {}));
        req.sector += start;
        req.done = Box::new(move |mut c: Completion| {
            c.sector -= start;
            done(c)
        });
        self.dev.submit(req);
    }
}

/// Runs one transfer and waits for it (up to `timeout_ms`).
fn transfer(
    dev: &dyn BlockDevice,
    op: Op,
    sector: u64,
    buf: DmaBuf,
    timeout_ms: u64,
) -> Result<DmaBuf, IoError> {
    let sem = Arc::new(Semaphore::new(0));
    let slot: Arc<SpinLock<Option<Completion>>> = Arc::new(SpinLock::new(None));
    let (s2, slot2) = (sem.clone(), slot.clone());
    dev.submit(Request {
        op,
        sector,
        buf,
        done: Box::new(move |c| {
            *slot2.lock() = Some(c);
            s2.release();
        }),
    });
    if !sem.acquire_timeout(timeout_ms) {
        return Err(IoError::Timeout);
    }
    let c = slot.lock().take().ok_or(IoError::Device)?;
    c.result.map(|_| c.buf)
}

/// Reads `out.len()` bytes (whole sectors) starting at `sector`.
pub fn read_sync(dev: &dyn BlockDevice, sector: u64, out: &mut [u8]) -> Result<(), IoError> {
    let buf = transfer(dev, Op::Read, sector, DmaBuf::new(out.len())?, 10_000)?;
    out.copy_from_slice(buf.as_slice());
    Ok(())
}

/// Waits until every write completed so far is on the medium.
pub fn flush_sync(dev: &dyn BlockDevice) -> Result<(), IoError> {
    transfer(dev, Op::Flush, 0, DmaBuf::new(SECTOR)?, 10_000).map(|_| ())
}

/// Writes `data` (whole sectors) starting at `sector`.
pub fn write_sync(dev: &dyn BlockDevice, sector: u64, data: &[u8]) -> Result<(), IoError> {
    let mut buf = DmaBuf::new(data.len())?;
    buf.as_mut_slice().copy_from_slice(data);
    transfer(dev, Op::Write, sector, buf, 10_000).map(|_| ())
}
