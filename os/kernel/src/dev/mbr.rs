//! MBR partition table discovery.

use alloc::vec::Vec;

use super::block::{read_sync, BlockDevice, IoError, SECTOR};

/// One primary partition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Partition {
    /// 1..=4.
    pub index: u8,
    /// Partition type byte.
    pub kind: u8,
    /// First sector.
    pub start: u64,
    /// Length in sectors.
    pub sectors: u64,
}

/// Parses a boot sector; None if it carries no MBR signature. Entries that
/// are empty or extend past `disk_sectors` are skipped.
pub fn parse(sector0: &[u8; SECTOR], disk_sectors: u64) -> Option<Vec<Partition>> {
    if sector0[510] != 0x55 || sector0[511] != 0xaa {
        return None;
    }
    let mut parts = Vec::new();
    for i in 0..4 {
        let e = &sector0[446 + i * 16..462 + i * 16];
        let kind = e[4];
        let start = u64::from(u32::from_le_bytes([e[8], e[9], e[10], e[11]]));
        let sectors = u64::from(u32::from_le_bytes([e[12], e[13], e[14], e[15]]));
        if kind == 0 || sectors == 0 || start == 0 || start + sectors > disk_sectors {
            continue;
        }
        parts.push(Partition {
            index: i as u8 + 1,
            kind,
            start,
            sectors,
        });
    }
    Some(parts)
}

/// Reads sector 0 of `dev` and returns its partitions (empty without an MBR).
pub fn discover(dev: &dyn BlockDevice) -> Result<Vec<Partition>, IoError> {
    let mut s0 = [0u8; SECTOR];
    read_sync(dev, 0, &mut s0)?;
    Ok(parse(&s0, dev.sectors()).unwrap_or_default())
}
