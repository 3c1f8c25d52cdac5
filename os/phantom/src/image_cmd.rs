//! `phantom image`: inspect and manage image files.

use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use phantom_pager::file::FileDevice;
use phantom_pager::{Pager, SnapshotInfo, Which, BLOCK_SIZE};
use phantom_vm::heap::{Heap, Region};

use crate::host::MmapRegion;
use crate::persist::wall_ms;

/// Examples shown by `phantom image --help`.
pub const HELP: &str = "\
Examples:
  phantom image info counter.img
  phantom image snapshots counter.img
  phantom image check counter.img
  phantom image retain counter.img before-upgrade
  phantom run --image counter.img --from before-upgrade

Exit codes: 0 success (check: the image is sound); 1 check found damage;
2 the file cannot be opened, is not an image or is of a newer format, or
the image could not be changed.";

/// `phantom image` subcommands.
#[derive(Subcommand)]
pub enum ImageCmd {
    /// Header, sizes and generations of an image.
    Info {
        /// Image file.
        file: PathBuf,
    },
    /// The kept snapshots, newest first.
    Snapshots {
        /// Image file.
        file: PathBuf,
    },
    /// Verify every kept snapshot's map and page checksums, then load the
    /// newest snapshot and check its object graph.
    Check {
        /// Image file.
        file: PathBuf,
    },
    /// Keep the newest snapshot under a name until released (continue it
    /// later with `phantom run --image FILE --from NAME`).
    Retain {
        /// Image file.
        file: PathBuf,
        /// Name for the snapshot (1 to 32 bytes).
        name: String,
    },
    /// Stop keeping a named snapshot; its space is reused.
    Release {
        /// Image file.
        file: PathBuf,
        /// Name given to `retain`.
        name: String,
    },
}

/// Runs a subcommand; returns the exit code.
pub fn main(cmd: ImageCmd) -> u8 {
    let r = match cmd {
        ImageCmd::Info { file } => info(&file),
        ImageCmd::Snapshots { file } => snapshots(&file),
        ImageCmd::Check { file } => check(&file),
        ImageCmd::Retain { file, name } => change(&file, |p| p.retain(&name)).map(|()| {
            outln!(
                "snapshot {} of {} is retained as {name:?}",
                newest(&file),
                file.display()
            );
            0
        }),
        ImageCmd::Release { file, name } => change(&file, |p| p.release(&name)).map(|()| {
            outln!("{name:?} is released");
            0
        }),
    };
    r.unwrap_or_else(|msg| {
        eprintln!("phantom: error: {msg}");
        2
    })
}

/// Opens the image file: read-only for the commands that only look (so
/// that they work on a file this process may not write), for reading and
/// writing for `retain` and `release`.
fn open_device(file: &Path, write: bool) -> Result<FileDevice, String> {
    let f = std::fs::OpenOptions::new()
        .read(true)
        .write(write)
        .open(file)
        .and_then(FileDevice::from_file);
    f.map_err(|e| format!("cannot open {}: {e}", file.display()))
}

/// Opens the image read-only.
fn open(file: &Path) -> Result<Pager<FileDevice>, String> {
    Pager::open(open_device(file, false)?).map_err(|e| format!("{}: {e}", file.display()))
}

fn newest(file: &Path) -> u64 {
    open(file).map_or(0, |p| p.generation())
}

/// Opens the image for a change that no running process may race.
fn change(
    file: &Path,
    f: impl FnOnce(&mut Pager<FileDevice>) -> Result<(), phantom_pager::Error>,
) -> Result<(), String> {
    let mut p =
        Pager::open(open_device(file, true)?).map_err(|e| format!("{}: {e}", file.display()))?;
    use std::os::fd::AsRawFd;
    // SAFETY: flock on a descriptor the pager owns; released at close.
    if unsafe { libc::flock(p.device().file().as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
        return Err(format!(
            "{} is in use by a running phantom process; stop it first",
            file.display()
        ));
    }
    f(&mut p).map_err(|e| format!("{}: {e}", file.display()))
}

fn mib(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KiB", "MiB", "GiB"];
    let mut v = bytes as f64;
    let mut u = 0;
    while v >= 1024.0 && u + 1 < UNITS.len() {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{bytes} bytes")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

/// Prints rows as columns, each as wide as its widest cell; numbers (but
/// the time stamps) right-aligned.
fn table(rows: &[Vec<String>]) {
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let w: Vec<usize> = (0..n)
        .map(|c| {
            rows.iter()
                .map(|r| r.get(c).map_or(0, |x| x.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for r in rows {
        let cells: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(c, x)| {
                if x.chars().next().is_some_and(|ch| ch.is_ascii_digit()) && c != 2 {
                    format!("{x:>width$}", width = w[c])
                } else {
                    format!("{x:<width$}", width = w[c])
                }
            })
            .collect();
        outln!("{}", cells.join("  ").trim_end());
    }
}

fn age(s: &SnapshotInfo) -> String {
    if s.time_ms == 0 {
        return "-".into();
    }
    let secs = wall_ms().saturating_sub(s.time_ms) / 1000;
    format!(
        "{} ago",
        humantime::format_duration(Duration::from_secs(secs))
    )
}

fn when(s: &SnapshotInfo) -> String {
    if s.time_ms == 0 {
        return "-".into();
    }
    let t = std::time::UNIX_EPOCH + Duration::from_millis(s.time_ms);
    humantime::format_rfc3339_seconds(t).to_string()
}

fn role(s: &SnapshotInfo) -> String {
    let mut r = Vec::new();
    if s.newest {
        r.push("newest".to_string());
    }
    if s.previous {
        r.push("previous".to_string());
    }
    if let Some(n) = &s.name {
        r.push(format!("retained {n:?}"));
    }
    r.join(", ")
}

fn info(file: &Path) -> Result<u8, String> {
    let p = open(file)?;
    let i = p.info();
    let bs = i.block_size as u64;
    outln!("image:           {}", file.display());
    outln!("format version:  {}", i.format_version);
    outln!("block size:      {} bytes", i.block_size);
    outln!(
        "file size:       {} ({} blocks), {} in use",
        mib(i.device_blocks * bs),
        i.device_blocks,
        mib(i.used_blocks * bs)
    );
    outln!(
        "superblock:      sequence {} in slot block {}",
        i.seq,
        i.slot
    );
    match i.snapshots.iter().find(|s| s.newest) {
        Some(s) => outln!(
            "newest snapshot: {} ({}, {}), object memory in use {}",
            s.generation,
            when(s),
            age(s),
            mib(s.pages * BLOCK_SIZE as u64)
        ),
        None => outln!("newest snapshot: none yet"),
    }
    outln!("kept snapshots:  {}", i.snapshots.len());
    outln!(
        "generations:     largest ever committed {}",
        i.max_generation
    );
    if let Some(why) = &i.fallback {
        outln!("warning:         the newest superblock was unusable ({why}); opened the older one");
    }
    Ok(0)
}

fn snapshots(file: &Path) -> Result<u8, String> {
    let p = open(file)?;
    let snaps = p.snapshots();
    if snaps.is_empty() {
        outln!("{} has no snapshot yet", file.display());
        return Ok(0);
    }
    let mut rows = vec![[
        "generation",
        "role",
        "taken (UTC)",
        "age",
        "memory",
        "data blocks",
        "map blocks",
    ]
    .map(String::from)
    .to_vec()];
    for s in &snaps {
        rows.push(vec![
            s.generation.to_string(),
            role(s),
            when(s),
            age(s),
            mib(s.pages * BLOCK_SIZE as u64),
            s.data_blocks.to_string(),
            s.map_blocks.to_string(),
        ]);
    }
    table(&rows);
    Ok(0)
}

fn bar(len: u64, what: &str) -> ProgressBar {
    let pb = ProgressBar::new(len);
    pb.set_style(
        ProgressStyle::with_template("{msg:>16} [{bar:40}] {pos}/{len} blocks ({eta})")
            .expect("a valid template")
            .progress_chars("=> "),
    );
    pb.set_message(what.to_string());
    pb
}

fn check(file: &Path) -> Result<u8, String> {
    let p = match Pager::open(open_device(file, false)?) {
        Ok(p) => p,
        // Damage that leaves no snapshot to open is damage found (exit 1);
        // a file that is not an image, or of a newer format, is unusable
        // input (exit 2).
        Err(phantom_pager::Error::Corrupt(why)) => {
            outln!("superblocks and maps: {why}");
            outln!("{}: DAMAGED", file.display());
            return Ok(1);
        }
        Err(e) => return Err(format!("{}: {e}", file.display())),
    };
    let mut ok = true;
    // 1. Every kept snapshot: map blocks and data blocks against their
    //    checksums.
    let pb = bar(0, "checksums");
    let report = p
        .check_with(&mut |done, total| {
            pb.set_length(total);
            pb.set_position(done);
        })
        .map_err(|e| format!("{}: {e}", file.display()))?;
    pb.finish_and_clear();
    outln!(
        "checksums: {} snapshot(s), {} map blocks, {} data blocks: {}",
        report.snapshots,
        report.map_blocks,
        report.data_blocks,
        if report.is_ok() {
            "all match"
        } else {
            "DAMAGED"
        }
    );
    for e in &report.problems {
        outln!("  {e}");
        ok = false;
    }
    // 2. The newest snapshot's object memory, loaded and walked.
    let Some(newest) = p.snapshots().into_iter().find(|s| s.newest) else {
        outln!("objects: no snapshot yet");
        return Ok(u8::from(!ok));
    };
    let pages = newest.pages;
    let mut region =
        MmapRegion::reserve((pages as usize * BLOCK_SIZE).max(1 << 20)).map_err(|e| {
            format!(
                "cannot map {} for the check: {e}",
                mib(pages * BLOCK_SIZE as u64)
            )
        })?;
    let base = region.base().cast::<u8>();
    let pb = bar(pages, "loading objects");
    let mut buf = Box::new([0u8; BLOCK_SIZE]);
    let mut unreadable = 0u64;
    for page in 0..pages {
        if p.page_entry(page).is_zero() {
            continue;
        }
        match p.read_page(page, &mut buf) {
            // SAFETY: `page` is below `pages`, inside the region.
            Ok(()) => unsafe {
                std::ptr::copy_nonoverlapping(
                    buf.as_ptr(),
                    base.add(page as usize * BLOCK_SIZE),
                    BLOCK_SIZE,
                )
            },
            Err(_) => unreadable += 1,
        }
        if page % 256 == 0 {
            pb.set_position(page);
        }
    }
    pb.finish_and_clear();
    if unreadable > 0 {
        outln!(
            "objects: {unreadable} page(s) of snapshot {} cannot be read; object graph not checked",
            newest.generation
        );
        return Ok(1);
    }
    let (heap, existing) = Heap::open(Box::new(region));
    if !existing {
        outln!(
            "objects: snapshot {} does not hold a Phantom object memory",
            newest.generation
        );
        return Ok(1);
    }
    match heap.check(&[]) {
        Ok(()) => outln!(
            "objects: snapshot {} ({}): the object graph is sound",
            newest.generation,
            mib(pages * BLOCK_SIZE as u64)
        ),
        Err(e) => {
            outln!("objects: snapshot {}: {e}", newest.generation);
            ok = false;
        }
    }
    outln!("{}: {}", file.display(), if ok { "OK" } else { "DAMAGED" });
    Ok(u8::from(!ok))
}

/// Which snapshot a `--from` argument means.
pub fn which(s: &str) -> Which<'_> {
    match s.parse::<u64>() {
        Ok(g) => Which::Generation(g),
        Err(_) => Which::Name(s),
    }
}
