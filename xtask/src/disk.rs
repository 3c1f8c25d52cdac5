//! The scratch disk the kernel self-tests write to: an MBR with two
//! partitions, a marker sector carrying a per-run nonce at the start of the
//! scratch partition, and a check of what the kernel wrote back.
//!
//! Protocol (mirrored in os/kernel/src/selftest/disk.rs):
//! * partition 1, type 0xDA, LBA 2048, 8192 sectors: the scratch partition;
//!   its first sector starts with `PHANTOM-SCRATCH:` and the nonce in 16 hex digits;
//! * partition 2, type 0x83, the rest of the disk (only checked by the MBR parser);
//! * the kernel writes 8 sectors at scratch LBA + 1 starting with
//!   `PHANTOM-WRITTEN:` and the nonce, then bytes `(i * 31) ^ nonce` (i >= 32).

use std::path::Path;

use anyhow::{bail, Context, Result};

const SECTOR: usize = 512;
const DISK_SECTORS: u32 = 32 * 1024; // 16 MiB
const SCRATCH_LBA: u32 = 2048;
const SCRATCH_SECTORS: u32 = 8192;
const WRITE_LEN: usize = 8 * SECTOR;

/// Creates the image at `path` with a fresh nonce and returns the nonce.
pub fn create(path: &Path) -> Result<u64> {
    let nonce = fresh_nonce();
    let mut img = vec![0u8; DISK_SECTORS as usize * SECTOR];
    let parts = [
        (0xDAu8, SCRATCH_LBA, SCRATCH_SECTORS),
        (
            0x83u8,
            SCRATCH_LBA + SCRATCH_SECTORS,
            DISK_SECTORS - SCRATCH_LBA - SCRATCH_SECTORS,
        ),
    ];
    for (i, (kind, start, len)) in parts.iter().enumerate() {
        let e = 446 + i * 16;
        img[e + 4] = *kind;
        img[e + 8..e + 12].copy_from_slice(&start.to_le_bytes());
        img[e + 12..e + 16].copy_from_slice(&len.to_le_bytes());
    }
    img[510] = 0x55;
    img[511] = 0xAA;
    let marker = format!("PHANTOM-SCRATCH:{nonce:016x}");
    let at = SCRATCH_LBA as usize * SECTOR;
    img[at..at + marker.len()].copy_from_slice(marker.as_bytes());
    std::fs::write(path, &img).with_context(|| format!("writing {}", path.display()))?;
    Ok(nonce)
}

/// Checks that the kernel wrote the expected block for `nonce`.
pub fn verify_written(path: &Path, nonce: u64) -> Result<()> {
    let img = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let at = (SCRATCH_LBA as usize + 1) * SECTOR;
    let Some(block) = img.get(at..at + WRITE_LEN) else {
        bail!("scratch image {} is truncated", path.display());
    };
    let head = format!("PHANTOM-WRITTEN:{nonce:016x}");
    if &block[..head.len()] != head.as_bytes() {
        bail!(
            "the kernel did not write its block to the scratch disk (found {:?})",
            String::from_utf8_lossy(&block[..head.len()])
        );
    }
    for (i, &b) in block.iter().enumerate().skip(32) {
        let want = (i as u8).wrapping_mul(31) ^ nonce as u8;
        if b != want {
            bail!("scratch disk byte {i} of the written block is {b:#04x}, expected {want:#04x}");
        }
    }
    Ok(())
}

fn fresh_nonce() -> u64 {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    // Mix the pid in so two runs in the same nanosecond differ; never 0.
    (t ^ (u64::from(std::process::id()) << 40)).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_has_mbr_and_marker_and_verify_rejects_untouched_image() {
        let dir = std::env::temp_dir().join(format!("xtask-disk-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("scratch.img");
        let nonce = create(&path).unwrap();
        let img = std::fs::read(&path).unwrap();
        assert_eq!(&img[510..512], &[0x55, 0xAA]);
        assert_eq!(img[446 + 4], 0xDA);
        let marker = format!("PHANTOM-SCRATCH:{nonce:016x}");
        let at = SCRATCH_LBA as usize * SECTOR;
        assert_eq!(&img[at..at + marker.len()], marker.as_bytes());
        assert!(verify_written(&path, nonce).is_err());

        // Simulate the kernel's write and check that verify accepts it.
        let mut img = img;
        let at = (SCRATCH_LBA as usize + 1) * SECTOR;
        let head = format!("PHANTOM-WRITTEN:{nonce:016x}");
        img[at..at + head.len()].copy_from_slice(head.as_bytes());
        for i in 32..WRITE_LEN {
            img[at + i] = (i as u8).wrapping_mul(31) ^ nonce as u8;
        }
        std::fs::write(&path, &img).unwrap();
        verify_written(&path, nonce).unwrap();
        assert!(verify_written(&path, nonce ^ 2).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
