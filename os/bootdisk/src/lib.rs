//! The disk the Phantom kernel boots from.
//!
//! Layout: an MBR (sector 0) with
//! * partition 1, type [`PART_TYPE`] at LBA [`PART_START`], at least
//!   [`ARCHIVE_MIN_MIB`] MiB: the boot class archive. Its first
//!   `header_sectors` sectors are a header, the rest a `classfile::bulk`
//!   archive of the class library and the programs' classes. The kernel
//!   reads it in `os/kernel/src/runtime/archive.rs`;
//! * partition 2 (optional), type [`STORE_TYPE`], right after it: the
//!   persistent object store, in the hosted image format
//!   (`docs/image-format.md`, `os/pager`), made empty (zeros; the kernel
//!   formats it on first use).
//!
//! Header, little-endian: magic [`MAGIC`] (16 bytes); version `u32` (1);
//! header sectors `u32`; archive length in bytes `u64`; CRC-32 (IEEE) of
//! the archive `u32`; length of the boot list `u32`; the boot list (words
//! separated by spaces, each a class to run when the kernel command line
//! names none).
//!
//! Each program's classes are stored under `PROGRAM:name` (PROGRAM is the
//! source file's stem), so that programs declaring classes of the same
//! name (every test program declares `.test.main`) share a disk, and so
//! that the kernel knows a program's own classes (to replace older
//! versions of them in a continued object memory); the boot word
//! `PROGRAM:.class` runs one. The kernel looks a class up under the
//! program's prefix first, then in the library.
//!
//! Making a disk again over an existing one ([`update_disk`]) rewrites
//! only partition 1, so the object store, and the program running in it,
//! survive a new version of the program's classes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use classfile::bulk;
use classfile::path::ClassDirs;
use phantom_frontend::SourceFile;

/// MBR partition type of the boot class archive ("non-FS data").
pub const PART_TYPE: u8 = 0xda;
/// MBR partition type of the object store (0x7f: reserved for
/// experimental systems).
pub const STORE_TYPE: u8 = 0x7f;
/// Smallest boot class archive partition, so that a program's next
/// version fits in place (the library alone is under 100 KiB).
pub const ARCHIVE_MIN_MIB: u64 = 8;
/// First sector of the partition (1 MiB, as partitioning tools align).
pub const PART_START: u32 = 2048;
/// First bytes of the header.
pub const MAGIC: &[u8; 16] = b"PHANTOM-CLASSES\0";
/// Header version.
pub const VERSION: u32 = 1;
/// Bytes per sector.
pub const SECTOR: usize = 512;
/// Fixed part of the header before the boot list.
const HEADER_FIXED: usize = 40;

/// A compiled program: its own classes and the class to run.
#[derive(Clone, Debug)]
pub struct Program {
    /// Name used as the class prefix on a disk with several programs
    /// (the source file's stem, or the class name).
    pub name: String,
    /// Class files declared in the program's source, by class name.
    pub classes: BTreeMap<String, Vec<u8>>,
    /// The class whose method 8 runs (the first class declared).
    pub entry: String,
}

/// Compiles `file` against the class library (as `phantom run` does) and
/// finds its entry class. Errors are rendered diagnostics.
pub fn compile_program(file: &Path) -> Result<Program, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: not UTF-8 text (byte {})",
            file.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    let files = vec![SourceFile {
        path: file.to_path_buf(),
        text,
    }];
    let dirs = ClassDirs::new(Vec::<PathBuf>::new()).with_memory(phantom_stdlib::classes());
    let out = phantom_frontend::compile_with(&files, dirs);
    let mut rendered = String::new();
    let mut errors = 0;
    for (fi, d) in &out.diags {
        if d.is_error() {
            errors += 1;
        }
        if *fi == 0 {
            rendered += &diag::render(d, &file.display().to_string(), &files[0].text, false);
        }
    }
    if errors > 0 {
        return Err(format!(
            "{rendered}could not compile {}: {errors} error(s)",
            file.display()
        ));
    }
    let version = codegen::emit::version_now();
    let mut classes = BTreeMap::new();
    for (fi, class) in &out.classes {
        if *fi != 0 {
            continue;
        }
        let (cf, _) = codegen::emit::class_file(class, &version)
            .map_err(|e| format!("{}: {}: {e}", file.display(), class.info.name))?;
        classes.insert(class.info.name.clone(), cf.write());
    }
    let entry = entry_class(&files[0].text)
        .ok_or_else(|| format!("{} declares no class to run", file.display()))?;
    // The compiler may spell the name with other case (see `phantom run`).
    let entry = classes
        .keys()
        .find(|k| k.eq_ignore_ascii_case(&entry))
        .cloned()
        .unwrap_or(entry);
    let name = file
        .file_stem()
        .map_or_else(|| "program".into(), |s| s.to_string_lossy().into_owned());
    Ok(Program {
        name,
        classes,
        entry,
    })
}

/// The first non-interface class declared in `text`, as an absolute name.
fn entry_class(text: &str) -> Option<String> {
    let (unit, _) = phantom_frontend::parse(text);
    let mut package = String::new();
    for item in &unit.items {
        match item {
            phantom_frontend::ast::TopItem::Package(n) => package = n.text(),
            phantom_frontend::ast::TopItem::Class(c) if !c.is_interface => {
                let n = c.name.text();
                return Some(if c.name.absolute || package.is_empty() {
                    if n.starts_with('.') {
                        n
                    } else {
                        format!(".{n}")
                    }
                } else {
                    format!("{package}.{n}")
                });
            }
            _ => {}
        }
    }
    None
}

/// The boot archive's contents: the class library, then the programs'
/// classes (prefixed with `PROGRAM:` when `scoped`, as disks made by
/// `phantom-bootdisk` always are), and the boot list.
pub fn archive(programs: &[Program], scoped: bool) -> Result<(Vec<u8>, Vec<String>), String> {
    let mut entries: Vec<bulk::Entry> = phantom_stdlib::classes()
        .iter()
        .map(|(n, b)| bulk::Entry::for_class(n, b.clone()))
        .collect();
    let mut boot = Vec::new();
    for p in programs {
        if scoped && (p.name.contains([':', ' ']) || p.name.is_empty()) {
            return Err(format!(
                "program name {:?} cannot be a class prefix (no spaces or ':')",
                p.name
            ));
        }
        for (n, b) in &p.classes {
            let mut e = bulk::Entry::for_class(n, b.clone());
            if scoped {
                e.name = format!("{}:{}", p.name, e.name);
            }
            entries.push(e);
        }
        boot.push(if scoped {
            format!("{}:{}", p.name, p.entry)
        } else {
            p.entry.clone()
        });
    }
    let bytes = bulk::write(&entries).map_err(|e| format!("writing the class archive: {e}"))?;
    Ok((bytes, boot))
}

/// Partition 1's contents: header and archive, padded to whole sectors.
pub fn archive_partition(archive: &[u8], boot: &[String]) -> Result<Vec<u8>, String> {
    if boot.iter().any(|w| w.is_empty() || w.contains(' ')) {
        return Err("a boot class name is empty or contains a space".into());
    }
    let list = boot.join(" ");
    let header_sectors = (HEADER_FIXED + list.len()).div_ceil(SECTOR);
    let mut part = vec![0u8; (header_sectors + archive.len().div_ceil(SECTOR)) * SECTOR];
    let h = &mut part[..header_sectors * SECTOR];
    h[..16].copy_from_slice(MAGIC);
    h[16..20].copy_from_slice(&VERSION.to_le_bytes());
    h[20..24].copy_from_slice(&(header_sectors as u32).to_le_bytes());
    h[24..32].copy_from_slice(&(archive.len() as u64).to_le_bytes());
    h[32..36].copy_from_slice(&crc32fast::hash(archive).to_le_bytes());
    h[36..40].copy_from_slice(&(list.len() as u32).to_le_bytes());
    h[40..40 + list.len()].copy_from_slice(list.as_bytes());
    let a = header_sectors * SECTOR;
    part[a..a + archive.len()].copy_from_slice(archive);
    Ok(part)
}

/// Where the partitions of a disk are, in sectors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Partition 1 (the boot class archive): length in sectors.
    pub archive_sectors: u32,
    /// Partition 2 (the object store): first sector and length (0: none).
    pub store: (u32, u32),
}

impl Layout {
    /// A layout for a partition 1 of `part_bytes` and a store of `store_mib`.
    pub fn new(part_bytes: usize, store_mib: u32) -> Result<Layout, String> {
        let min = (ARCHIVE_MIN_MIB << 20) as usize;
        let archive_sectors = part_bytes.max(min).div_ceil(1 << 20) * 2048;
        let archive_sectors =
            u32::try_from(archive_sectors).map_err(|_| "the class archive is too large")?;
        let store_sectors = store_mib
            .checked_mul(2048)
            .ok_or("the object store is too large for an MBR partition")?;
        Ok(Layout {
            archive_sectors,
            store: (PART_START + archive_sectors, store_sectors),
        })
    }

    /// The disk's size in bytes.
    pub fn disk_bytes(&self) -> u64 {
        u64::from(self.store.0 + self.store.1) * SECTOR as u64
    }

    /// The MBR sector.
    pub fn mbr(&self) -> [u8; SECTOR] {
        let mut m = [0u8; SECTOR];
        let mut entry = |i: usize, kind: u8, start: u32, len: u32| {
            let e = 446 + i * 16;
            m[e + 4] = kind;
            m[e + 8..e + 12].copy_from_slice(&start.to_le_bytes());
            m[e + 12..e + 16].copy_from_slice(&len.to_le_bytes());
        };
        entry(0, PART_TYPE, PART_START, self.archive_sectors);
        if self.store.1 > 0 {
            entry(1, STORE_TYPE, self.store.0, self.store.1);
        }
        m[510] = 0x55;
        m[511] = 0xaa;
        m
    }

    /// Reads the layout of an existing disk's MBR (`None` if it is not a
    /// disk made here).
    pub fn read(mbr: &[u8]) -> Option<Layout> {
        if mbr.len() < SECTOR || mbr[510] != 0x55 || mbr[511] != 0xaa {
            return None;
        }
        let entry = |i: usize| {
            let e = 446 + i * 16;
            let n = |o: usize| u32::from_le_bytes([mbr[o], mbr[o + 1], mbr[o + 2], mbr[o + 3]]);
            (mbr[e + 4], n(e + 8), n(e + 12))
        };
        let (k1, s1, l1) = entry(0);
        if k1 != PART_TYPE || s1 != PART_START {
            return None;
        }
        let (k2, s2, l2) = entry(1);
        let store = if k2 == STORE_TYPE {
            (s2, l2)
        } else {
            (s1 + l1, 0)
        };
        Some(Layout {
            archive_sectors: l1,
            store,
        })
    }
}

/// Writes a new disk at `path` (replacing any file there): the MBR, the
/// boot class archive partition and an empty store of `store_mib` MiB
/// (the file is sparse). Written beside `path` and renamed, so a disk is
/// never half made.
pub fn write_disk(path: &Path, part: &[u8], store_mib: u32) -> Result<Layout, String> {
    use std::io::{Seek, SeekFrom, Write};
    let layout = Layout::new(part.len(), store_mib)?;
    let tmp = path.with_extension("part");
    let made = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(&layout.mbr())?;
        f.seek(SeekFrom::Start(u64::from(PART_START) * SECTOR as u64))?;
        f.write_all(part)?;
        f.set_len(layout.disk_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    made.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("writing {}: {e}", path.display())
    })?;
    Ok(layout)
}

/// Rewrites partition 1 of the disk at `path` (made by [`write_disk`])
/// with `part`, keeping the object store. Fails, changing nothing, if the
/// file is not such a disk or `part` does not fit.
pub fn update_disk(path: &Path, part: &[u8]) -> Result<Layout, String> {
    use std::io::{Read, Seek, SeekFrom, Write};
    let what = |e: std::io::Error| format!("updating {}: {e}", path.display());
    let mut f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .map_err(what)?;
    let mut mbr = [0u8; SECTOR];
    f.read_exact(&mut mbr).map_err(what)?;
    let layout = Layout::read(&mbr).ok_or_else(|| {
        format!(
            "{} is not a Phantom boot disk (no boot class archive partition); remove it or name another",
            path.display()
        )
    })?;
    if part.len() > layout.archive_sectors as usize * SECTOR {
        return Err(format!(
            "the new class archive ({} KiB) does not fit partition 1 of {} ({} KiB); make a new disk",
            part.len() >> 10,
            path.display(),
            layout.archive_sectors / 2
        ));
    }
    f.seek(SeekFrom::Start(u64::from(PART_START) * SECTOR as u64))
        .map_err(what)?;
    f.write_all(part).map_err(what)?;
    f.sync_all().map_err(what)?;
    Ok(layout)
}

/// Reads the boot list back from a disk image made by [`write_disk`]
/// (for `cargo xtask qemu --disk FILE` without a program).
pub fn read_boot_list(img: &[u8]) -> Result<Vec<String>, String> {
    if img.len() < 512 || img[510] != 0x55 || img[511] != 0xaa {
        return Err("no MBR partition table".into());
    }
    for i in 0..4 {
        let e = 446 + i * 16;
        if img[e + 4] != PART_TYPE {
            continue;
        }
        let start = u32::from_le_bytes(img[e + 8..e + 12].try_into().unwrap_or_default());
        let at = start as usize * SECTOR;
        let Some(h) = img.get(at..at + HEADER_FIXED) else {
            continue;
        };
        if &h[..16] != MAGIC {
            continue;
        }
        let len = u32::from_le_bytes(h[36..40].try_into().unwrap_or_default()) as usize;
        let list = img
            .get(at + HEADER_FIXED..at + HEADER_FIXED + len)
            .ok_or("the boot list runs past the end of the disk")?;
        let list = std::str::from_utf8(list).map_err(|_| "the boot list is not UTF-8")?;
        return Ok(list.split_ascii_whitespace().map(String::from).collect());
    }
    Err("no boot class archive partition".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prog(name: &str, class: &str) -> Program {
        Program {
            name: name.into(),
            classes: BTreeMap::from([(class.to_string(), vec![1, 2, 3])]),
            entry: class.into(),
        }
    }

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("bootdisk-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join(name)
    }

    #[test]
    fn disk_has_partitions_header_and_archive() {
        let (arch, boot) =
            archive(&[prog("a", ".test.main"), prog("b", ".test.main")], true).expect("archive");
        assert_eq!(boot, ["a:.test.main", "b:.test.main"]);
        let path = temp("two.disk");
        let layout = write_disk(&path, &archive_partition(&arch, &boot).unwrap(), 4).unwrap();
        let img = std::fs::read(&path).unwrap();
        assert_eq!(img.len() as u64, layout.disk_bytes());
        assert_eq!(
            img.len(),
            ((ARCHIVE_MIN_MIB + 4) << 20) as usize + (1 << 20)
        );
        assert_eq!(Layout::read(&img), Some(layout));
        assert_eq!(img[446 + 4], PART_TYPE);
        assert_eq!(img[462 + 4], STORE_TYPE);
        let at = PART_START as usize * SECTOR;
        assert_eq!(&img[at..at + 16], MAGIC);
        let hs = u32::from_le_bytes(img[at + 20..at + 24].try_into().unwrap()) as usize;
        let len = u64::from_le_bytes(img[at + 24..at + 32].try_into().unwrap()) as usize;
        let data = &img[at + hs * SECTOR..at + hs * SECTOR + len];
        assert_eq!(
            crc32fast::hash(data),
            u32::from_le_bytes(img[at + 32..at + 36].try_into().unwrap())
        );
        let entries = bulk::read(data).expect("bulk archive");
        assert!(bulk::find(&entries, "a:test.main").is_some());
        assert!(bulk::find(&entries, "b:test.main").is_some());
        assert!(bulk::find(&entries, ".internal.object").is_some());
        assert_eq!(read_boot_list(&img).expect("boot list"), boot);
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn update_rewrites_the_archive_and_keeps_the_store() {
        let path = temp("update.disk");
        let (arch, boot) = archive(&[prog("a", ".x")], true).unwrap();
        let layout = write_disk(&path, &archive_partition(&arch, &boot).unwrap(), 1).unwrap();
        // Something in the store, as the kernel would leave it.
        let mut img = std::fs::read(&path).unwrap();
        let store = layout.store.0 as usize * SECTOR;
        img[store..store + 5].copy_from_slice(b"STORE");
        std::fs::write(&path, &img).unwrap();
        let (arch2, boot2) = archive(&[prog("b", ".y")], true).unwrap();
        assert_eq!(
            update_disk(&path, &archive_partition(&arch2, &boot2).unwrap()).unwrap(),
            layout
        );
        let img = std::fs::read(&path).unwrap();
        assert_eq!(&img[store..store + 5], b"STORE");
        assert_eq!(read_boot_list(&img).unwrap(), ["b:.y"]);
        // Too large for partition 1: refused, nothing changed.
        let huge = vec![0u8; ((ARCHIVE_MIN_MIB as usize) << 20) + SECTOR];
        assert!(update_disk(&path, &huge)
            .unwrap_err()
            .contains("does not fit"));
        assert_eq!(std::fs::read(&path).unwrap(), img);
        std::fs::write(&path, b"not a disk").unwrap();
        assert!(update_disk(&path, &huge).is_err());
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn long_boot_list_spans_header_sectors() {
        let progs: Vec<Program> = (0..100)
            .map(|i| prog(&format!("program_number_{i:03}"), ".test.main"))
            .collect();
        let (arch, boot) = archive(&progs, true).expect("archive");
        let part = archive_partition(&arch, &boot).expect("partition");
        let mut img = Layout::new(part.len(), 0).unwrap().mbr().to_vec();
        img.resize(PART_START as usize * SECTOR, 0);
        img.extend(&part);
        assert_eq!(read_boot_list(&img).expect("boot list").len(), 100);
        let hs = u32::from_le_bytes(part[20..24].try_into().unwrap());
        assert!(hs > 1, "header of {hs} sector(s) for a 3 KB list");
    }

    #[test]
    fn bad_program_names_are_refused() {
        assert!(archive(&[prog("a b", ".x")], true).is_err());
        assert!(read_boot_list(&[0u8; 1024]).is_err());
        assert!(Layout::read(&[0u8; 512]).is_none());
    }

    #[test]
    fn entry_is_first_class_with_package() {
        assert_eq!(
            entry_class("package .test;\nclass main { void run(var b) [8] { } };\n").as_deref(),
            Some(".test.main")
        );
        assert_eq!(entry_class("").as_deref(), None);
    }
}
