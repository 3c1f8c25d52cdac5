//! The hosted block device: one image file.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::FileExt;
use std::path::Path;

use crate::dev::{Block, BlockDevice, DevError, BLOCK_SIZE};

/// A block device over a regular file. [`flush`](BlockDevice::flush) is
/// `fdatasync` ([`File::sync_data`]), which also makes a grown file's new
/// length durable.
pub struct FileDevice {
    file: File,
    blocks: u64,
}

fn dev_err(e: io::Error) -> DevError {
    if e.raw_os_error() == Some(libc::ENOSPC) || e.kind() == io::ErrorKind::StorageFull {
        DevError::NoSpace
    } else {
        DevError::Io(e.to_string())
    }
}

impl FileDevice {
    /// Opens an existing file for reading and writing.
    pub fn open(path: &Path) -> io::Result<FileDevice> {
        let file = OpenOptions::new().read(true).write(true).open(path)?;
        FileDevice::from_file(file)
    }

    /// Creates a new, empty file (fails if it exists) and makes its
    /// directory entry durable (otherwise a power cut could lose the whole
    /// file, snapshots and all).
    pub fn create(path: &Path) -> io::Result<FileDevice> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(path)?;
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        File::open(dir)?.sync_all()?;
        FileDevice::from_file(file)
    }

    /// Uses an open file. Its length is rounded down to whole blocks.
    pub fn from_file(file: File) -> io::Result<FileDevice> {
        let blocks = file.metadata()?.len() / BLOCK_SIZE as u64;
        Ok(FileDevice { file, blocks })
    }

    /// The file.
    pub fn file(&self) -> &File {
        &self.file
    }

    fn check(&self, index: u64, n: u64) -> Result<u64, DevError> {
        if index + n > self.blocks {
            return Err(DevError::OutOfRange {
                block: index + n - 1,
                blocks: self.blocks,
            });
        }
        Ok(index * BLOCK_SIZE as u64)
    }
}

impl BlockDevice for FileDevice {
    fn blocks(&self) -> u64 {
        self.blocks
    }

    fn grow(&mut self, blocks: u64) -> Result<(), DevError> {
        if blocks <= self.blocks {
            return Ok(());
        }
        let len = blocks * BLOCK_SIZE as u64;
        // Reserve the space for real (a sparse file would only report a
        // full disk later, in the middle of a write-back).
        let fd = std::os::fd::AsRawFd::as_raw_fd(&self.file);
        let old = self.blocks * BLOCK_SIZE as u64;
        // SAFETY: plain system call on a descriptor we own.
        let r = unsafe { libc::posix_fallocate(fd, old as i64, (len - old) as i64) };
        match r {
            0 => {}
            libc::ENOSPC => return Err(DevError::NoSpace),
            // File systems without fallocate: extend the length instead.
            libc::EOPNOTSUPP | libc::EINVAL => self.file.set_len(len).map_err(dev_err)?,
            e => return Err(dev_err(io::Error::from_raw_os_error(e))),
        }
        self.blocks = blocks;
        Ok(())
    }

    fn read(&self, index: u64, buf: &mut Block) -> Result<(), DevError> {
        let off = self.check(index, 1)?;
        self.file.read_exact_at(buf, off).map_err(dev_err)
    }

    fn write(&mut self, index: u64, buf: &Block) -> Result<(), DevError> {
        let off = self.check(index, 1)?;
        self.file.write_all_at(buf, off).map_err(dev_err)
    }

    fn write_run(&mut self, first: u64, data: &[u8]) -> Result<(), DevError> {
        let off = self.check(first, (data.len() / BLOCK_SIZE) as u64)?;
        self.file.write_all_at(data, off).map_err(dev_err)
    }

    fn flush(&mut self) -> Result<(), DevError> {
        self.file.sync_data().map_err(dev_err)
    }
}
