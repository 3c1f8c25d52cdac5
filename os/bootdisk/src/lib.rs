//! The disk the Phantom kernel boots from.
//!
//! Layout: an MBR (sector 0) with partition 1 of type [`PART_TYPE`] at LBA
//! [`PART_START`]: the boot class archive partition. Its first
//! `header_sectors` sectors are a header, the rest a `classfile::bulk`
//! archive of the class library and the programs' classes. The kernel reads
//! it in `os/kernel/src/runtime/archive.rs`.
//!
//! Header, little-endian: magic [`MAGIC`] (16 bytes); version `u32` (1);
//! header sectors `u32`; archive length in bytes `u64`; CRC-32 (IEEE) of
//! the archive `u32`; length of the boot list `u32`; the boot list (words
//! separated by spaces, each a class to run when the kernel command line
//! names none).
//!
//! Several programs on one disk: each program's classes are stored under
//! `PROGRAM:name` (PROGRAM is the source file's stem), so programs that
//! declare classes of the same name (every test program declares
//! `.test.main`) do not clash; the boot word `PROGRAM:.class` runs one. The
//! kernel looks a class up under the program's prefix first, then in the
//! library. A disk with one program stores its classes under their own
//! names.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use classfile::bulk;
use classfile::path::ClassDirs;
use phantom_frontend::SourceFile;

/// MBR partition type of the boot class archive ("non-FS data").
pub const PART_TYPE: u8 = 0xda;
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
/// classes (prefixed with `PROGRAM:` when `scoped`), and the boot list.
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

/// The whole disk image: MBR, then the partition (header and archive),
/// padded to at least `min_bytes`.
pub fn disk_image(archive: &[u8], boot: &[String], min_bytes: u64) -> Result<Vec<u8>, String> {
    let list = boot.join(" ");
    if boot.iter().any(|w| w.is_empty() || w.contains(' ')) {
        return Err("a boot class name is empty or contains a space".into());
    }
    let header_sectors = (HEADER_FIXED + list.len()).div_ceil(SECTOR);
    let archive_sectors = archive.len().div_ceil(SECTOR);
    // Whole MiB, so the next partition (the object store) starts aligned.
    let part_sectors = (header_sectors + archive_sectors).div_ceil(2048) * 2048;
    let part_sectors =
        u32::try_from(part_sectors).map_err(|_| "the class archive is too large".to_string())?;
    let end = u64::from(PART_START + part_sectors) * SECTOR as u64;
    let total = end.max(min_bytes).div_ceil(1 << 20) << 20;
    let mut img = vec![0u8; total as usize];
    let e = 446;
    img[e + 4] = PART_TYPE;
    img[e + 8..e + 12].copy_from_slice(&PART_START.to_le_bytes());
    img[e + 12..e + 16].copy_from_slice(&part_sectors.to_le_bytes());
    img[510] = 0x55;
    img[511] = 0xaa;
    let at = PART_START as usize * SECTOR;
    let h = &mut img[at..at + header_sectors * SECTOR];
    h[..16].copy_from_slice(MAGIC);
    h[16..20].copy_from_slice(&VERSION.to_le_bytes());
    h[20..24].copy_from_slice(&(header_sectors as u32).to_le_bytes());
    h[24..32].copy_from_slice(&(archive.len() as u64).to_le_bytes());
    h[32..36].copy_from_slice(&crc32fast::hash(archive).to_le_bytes());
    h[36..40].copy_from_slice(&(list.len() as u32).to_le_bytes());
    h[40..40 + list.len()].copy_from_slice(list.as_bytes());
    let a = at + header_sectors * SECTOR;
    img[a..a + archive.len()].copy_from_slice(archive);
    Ok(img)
}

/// Reads the boot list back from a disk image made by [`disk_image`]
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

    #[test]
    fn image_has_partition_header_and_archive() {
        let (arch, boot) =
            archive(&[prog("a", ".test.main"), prog("b", ".test.main")], true).expect("archive");
        assert_eq!(boot, ["a:.test.main", "b:.test.main"]);
        let img = disk_image(&arch, &boot, 0).expect("image");
        assert_eq!(img.len() % (1 << 20), 0);
        assert_eq!(img[446 + 4], PART_TYPE);
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
    }

    #[test]
    fn long_boot_list_spans_header_sectors() {
        let progs: Vec<Program> = (0..100)
            .map(|i| prog(&format!("program_number_{i:03}"), ".test.main"))
            .collect();
        let (arch, boot) = archive(&progs, true).expect("archive");
        let img = disk_image(&arch, &boot, 64 << 20).expect("image");
        assert_eq!(img.len(), 64 << 20);
        assert_eq!(read_boot_list(&img).expect("boot list").len(), 100);
        let at = PART_START as usize * SECTOR;
        let hs = u32::from_le_bytes(img[at + 20..at + 24].try_into().unwrap());
        assert!(hs > 1, "header of {hs} sector(s) for a 3 KB list");
    }

    #[test]
    fn bad_program_names_are_refused() {
        assert!(archive(&[prog("a b", ".x")], true).is_err());
        assert!(read_boot_list(&[0u8; 1024]).is_err());
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
