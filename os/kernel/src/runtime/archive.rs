//! The boot class archive: a partition of the virtio disk (MBR type
//! [`PART_TYPE`]) whose first sector is a header and whose following
//! sectors hold a `classfile::bulk` archive (the class library plus the
//! programs' classes). Written on the host by `phantom-bootdisk`; the
//! layout is described there (`os/bootdisk/src/lib.rs`) and in
//! `docs/kernel.md`.
//!
//! Header, little-endian: magic `PHANTOM-CLASSES\0` (16 bytes), version
//! `u32` (1), header sectors `u32` (the archive follows them), archive
//! length in bytes `u64`, CRC-32 (IEEE) of the archive `u32`, length of the
//! boot list `u32`, the boot list (words separated by spaces).

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use classfile::bulk;

use crate::dev::block::{read_sync, BlockDevice, IoError, Slice, SECTOR};
use crate::dev::{mbr, virtio_blk};

/// MBR partition type of the boot class archive ("non-FS data").
pub const PART_TYPE: u8 = 0xda;
/// First bytes of the header sector.
pub const MAGIC: &[u8; 16] = b"PHANTOM-CLASSES\0";
/// The header version this kernel reads.
pub const VERSION: u32 = 1;
/// Sectors per read request.
const CHUNK_SECTORS: usize = 128;
/// Bytes of the header before the boot list.
const HEADER_FIXED: usize = 40;
/// The longest header accepted (a boot list of about 32 KiB).
const MAX_HEADER_SECTORS: u64 = 64;

/// The classes the kernel boots from.
pub struct BootArchive {
    /// Every class, in archive order.
    pub entries: Vec<bulk::Entry>,
    /// The classes to run when the command line names none.
    pub default_classes: Vec<String>,
    /// Which disk partition it came from, for messages.
    pub partition: u8,
    /// Archive size in bytes.
    pub bytes: usize,
}

/// Why no archive could be loaded.
#[derive(Debug)]
pub enum ArchiveError {
    /// No virtio-blk disk was found.
    NoDisk,
    /// Reading the disk failed.
    Io(IoError),
    /// No partition of the right type carries the header magic.
    NotFound,
    /// The header or the archive is damaged.
    Bad {
        /// MBR partition number.
        partition: u8,
        /// What is wrong.
        what: String,
    },
}

impl fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArchiveError::NoDisk => write!(
                f,
                "no virtio-blk disk: boot with a disk made by `cargo xtask qemu PROGRAM.ph`"
            ),
            ArchiveError::Io(e) => write!(f, "reading the disk: {e:?}"),
            ArchiveError::NotFound => write!(
                f,
                "no boot class archive on the disk (an MBR partition of type {PART_TYPE:#04x} starting with {:?})",
                core::str::from_utf8(&MAGIC[..15]).unwrap_or("?")
            ),
            ArchiveError::Bad { partition, what } => {
                write!(f, "boot class archive on partition {partition}: {what}")
            }
        }
    }
}

impl From<IoError> for ArchiveError {
    fn from(e: IoError) -> Self {
        ArchiveError::Io(e)
    }
}

/// Finds and reads the boot class archive on the first virtio-blk disk.
pub fn load() -> Result<BootArchive, ArchiveError> {
    let (part, index, head) = find()?.ok_or(ArchiveError::NotFound)?;
    read_partition(&part, index, &head)
}

/// Whether the disk has a boot class archive (a partition with its header).
pub fn present() -> bool {
    matches!(find(), Ok(Some(_)))
}

/// The first partition of type [`PART_TYPE`] starting with [`MAGIC`]: the
/// partition, its number and its header sector.
fn find() -> Result<Option<(Slice, u8, [u8; SECTOR])>, ArchiveError> {
    let disk = virtio_blk::first().ok_or(ArchiveError::NoDisk)?;
    for p in mbr::discover(&*disk)? {
        if p.kind != PART_TYPE {
            continue;
        }
        let Some(part) = Slice::new(disk.clone(), "classes", p.start, p.sectors) else {
            continue;
        };
        let mut head = [0u8; SECTOR];
        read_sync(&part, 0, &mut head)?;
        if &head[..16] == MAGIC {
            return Ok(Some((part, p.index, head)));
        }
    }
    Ok(None)
}

fn read_partition(
    part: &Slice,
    index: u8,
    head: &[u8; SECTOR],
) -> Result<BootArchive, ArchiveError> {
    let bad = |what: String| ArchiveError::Bad {
        partition: index,
        what,
    };
    let u32_at = |h: &[u8], o: usize| u32::from_le_bytes([h[o], h[o + 1], h[o + 2], h[o + 3]]);
    let version = u32_at(head, 16);
    if version != VERSION {
        return Err(bad(alloc::format!(
            "header version {version}, this kernel reads {VERSION}: make the disk again"
        )));
    }
    let header_sectors = u64::from(u32_at(head, 20));
    let mut len8 = [0u8; 8];
    len8.copy_from_slice(&head[24..32]);
    let len = u64::from_le_bytes(len8);
    let crc = u32_at(head, 32);
    let list_len = u32_at(head, 36) as usize;
    if header_sectors == 0
        || header_sectors > MAX_HEADER_SECTORS
        || HEADER_FIXED + list_len > header_sectors as usize * SECTOR
    {
        return Err(bad(alloc::format!(
            "header of {header_sectors} sectors cannot hold a boot list of {list_len} bytes"
        )));
    }
    let sectors = len.div_ceil(SECTOR as u64);
    if header_sectors + sectors > part.sectors() {
        return Err(bad(alloc::format!(
            "archive of {len} bytes does not fit the partition's {} sectors",
            part.sectors()
        )));
    }
    let mut header = alloc::vec![0u8; header_sectors as usize * SECTOR];
    read_sync(part, 0, &mut header)?;
    let list = core::str::from_utf8(&header[HEADER_FIXED..HEADER_FIXED + list_len])
        .map_err(|_| bad("boot list is not UTF-8".into()))?;
    let mut data = alloc::vec![0u8; (sectors as usize) * SECTOR];
    for (i, chunk) in data.chunks_mut(CHUNK_SECTORS * SECTOR).enumerate() {
        read_sync(part, header_sectors + (i * CHUNK_SECTORS) as u64, chunk)?;
    }
    data.truncate(len as usize);
    let got = crc32fast::hash(&data);
    if got != crc {
        return Err(bad(alloc::format!(
            "checksum {got:#010x}, header says {crc:#010x}: the archive is damaged"
        )));
    }
    let entries = bulk::read(&data).map_err(|e| bad(alloc::format!("{e}")))?;
    Ok(BootArchive {
        entries,
        default_classes: list.split_ascii_whitespace().map(String::from).collect(),
        partition: index,
        bytes: data.len(),
    })
}
