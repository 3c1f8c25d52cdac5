//! Errors of the pager.

use alloc::string::String;
use core::fmt;

use crate::dev::DevError;

/// Why an image operation failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The device failed. `during` says what the pager was doing.
    Device {
        /// What was being done ("writing data block 17", "flushing map").
        during: String,
        /// The device's error.
        error: DevError,
    },
    /// The device is full. The snapshot being written was abandoned; the
    /// previous one is intact.
    DiskFull,
    /// Neither superblock slot holds an image.
    NotAnImage,
    /// The image was written by a newer format version.
    NewerFormat {
        /// Version found in the image.
        found: u32,
        /// Newest version this code reads.
        supported: u32,
    },
    /// The image is damaged and no complete snapshot could be verified.
    Corrupt(String),
    /// A data block's checksum does not match its map entry.
    PageChecksum {
        /// Logical page.
        page: u64,
        /// Block it is stored in.
        block: u32,
    },
    /// An earlier commit failed after its superblock write had started, so
    /// whether it became durable is unknown: reopen the image.
    Poisoned(String),
    /// The call does not fit the pager's state (e.g. `commit` without
    /// `begin`, or a generation that does not grow).
    Usage(String),
    /// No snapshot with that generation or name.
    NoSuchSnapshot(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Device { during, error } => write!(f, "I/O error while {during}: {error}"),
            Error::DiskFull => f.write_str("the disk is full; the snapshot was abandoned"),
            Error::NotAnImage => f.write_str("not a Phantom image (no superblock found)"),
            Error::NewerFormat { found, supported } => write!(
                f,
                "the image has format version {found}, this program reads up to version {supported}"
            ),
            Error::Corrupt(m) => write!(f, "the image is corrupt: {m}"),
            Error::PageChecksum { page, block } => {
                write!(f, "checksum mismatch in page {page} (block {block})")
            }
            Error::Poisoned(m) => write!(
                f,
                "an earlier snapshot commit failed ({m}); reopen the image to continue"
            ),
            Error::Usage(m) => f.write_str(m),
            Error::NoSuchSnapshot(m) => write!(f, "no snapshot {m}"),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Error {}
