//! Phantom's persistent store: snapshots of the object memory in an image
//! on a block device.
//!
//! The core (`no_std` + `alloc`) is the same in the hosted runtime and in
//! the kernel:
//!
//! * [`dev`]: the [`BlockDevice`] trait (4096-byte blocks, `flush` is the
//!   durability barrier) and an in-memory device;
//! * [`format`](mod@format): the on-disk structures (`docs/image-format.md`);
//! * [`Pager`]: create/open an image, write snapshots incrementally, read
//!   pages back, list, check, retain and restore snapshots;
//! * [`fault`]: a fault-injecting device for tests (torn and failed
//!   writes, failed flushes, a full disk, crashes that lose or tear any
//!   subset of the unflushed writes).
//!
//! With the `std` feature (default), for Linux hosts:
//!
//! * [`file::FileDevice`]: an image file;
//! * [`track`]: `mprotect`-based dirty-page tracking over a memory region,
//!   with copy-on-write while a snapshot is written in the background and
//!   lazy loading of a restored image's pages on first touch.
//!
//! # Life cycle of a snapshot
//!
//! ```
//! use phantom_pager::{dev::MemDevice, Pager};
//!
//! let mut pager = Pager::create(MemDevice::new())?;
//! pager.begin(1)?;                        // generation 1
//! pager.write_page(0, &[7u8; 4096])?;     // only pages dirtied since the last snapshot
//! pager.write_page(5, &[9u8; 4096])?;
//! pager.commit()?;                        // durable once this returns
//!
//! let mut pager = Pager::open(pager.into_device())?;
//! let mut page = [0u8; 4096];
//! pager.read_page(5, &mut page)?;
//! assert_eq!(page, [9u8; 4096]);
//! assert_eq!(pager.generation(), 1);
//! # Ok::<(), phantom_pager::Error>(())
//! ```
#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub mod dev;
pub mod error;
pub mod fault;
#[cfg(feature = "std")]
pub mod file;
pub mod format;
mod pager;
#[cfg(feature = "std")]
pub mod track;

pub use dev::{BlockDevice, DevError, MemDevice, BLOCK_SIZE};
pub use error::Error;
pub use pager::{CheckReport, CommitStats, ImageInfo, Pager, SnapshotInfo, Which};
