//! `cargo bench -p phantom-pager`: snapshot write throughput of a tracked
//! region into an image file (1%, 10% and 100% of pages dirty), next to
//! `dd ... conv=fsync` on the same disk in the same run, and the time to
//! open an image and read its first page.
//!
//! Environment: `PAGER_BENCH_DIR` (where the files go; default
//! `target/pager-bench` in the workspace), `PAGER_BENCH_MIB` (region
//! size, default 64), `PAGER_BENCH_DD_MIB` (dd size, default 1024),
//! `PAGER_BENCH_RUNS` (repetitions per case, default 3; the median is
//! shown).

use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use phantom_pager::file::FileDevice;
use phantom_pager::track::{restore_file, write_snapshot, Tracker, TrackerConfig};
use phantom_pager::{Pager, BLOCK_SIZE};

fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn mib_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / (1 << 20) as f64 / d.as_secs_f64()
}

/// Forgets the file's cached pages, so that the next read goes to disk.
fn drop_cache(path: &Path) {
    if let Ok(f) = std::fs::File::open(path) {
        // SAFETY: advisory call on a descriptor we own.
        unsafe { libc::posix_fadvise(f.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED) };
    }
}

fn dd(dir: &Path, mib: usize) -> Option<(Duration, String)> {
    let file = dir.join("dd.tmp");
    let t = Instant::now();
    let out = Command::new("dd")
        .arg("if=/dev/zero")
        .arg(format!("of={}", file.display()))
        .args(["bs=1M", &format!("count={mib}"), "conv=fsync"])
        .output()
        .ok()?;
    let took = t.elapsed();
    let _ = std::fs::remove_file(&file);
    if !out.status.success() {
        return None;
    }
    let line = String::from_utf8_lossy(&out.stderr)
        .lines()
        .last()
        .unwrap_or("")
        .to_string();
    Some((took, line))
}

struct Row {
    case: String,
    dirty_pages: usize,
    /// Pages written: whole tracking units.
    written: u64,
    pause: Duration,
    write: Duration,
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/pager-bench");
    let dir = std::env::var_os("PAGER_BENCH_DIR").map_or(root, PathBuf::from);
    std::fs::create_dir_all(&dir).expect("bench directory");
    let mib = env_num("PAGER_BENCH_MIB", 64);
    let dd_mib = env_num("PAGER_BENCH_DD_MIB", 1024);
    let runs = env_num("PAGER_BENCH_RUNS", 3).max(1);
    let bytes = mib << 20;
    let pages = bytes / BLOCK_SIZE;
    let image = dir.join("bench.img");
    let _ = std::fs::remove_file(&image);

    println!(
        "phantom-pager snapshot benchmark: region {mib} MiB ({pages} pages), files in {}",
        dir.display()
    );

    let mut pager = Pager::create(FileDevice::create(&image).expect("image file")).expect("create");
    let t = Tracker::new(bytes, TrackerConfig::default()).expect("tracker");
    let ppu = t.pages_per_unit();
    let base = t.base();
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    // Every page non-zero, so that every dirty page costs a block.
    let touch = |page: usize, v: u64| {
        // SAFETY: inside the region; the tracker handles the faults.
        unsafe {
            let p = base.add(page * BLOCK_SIZE).cast::<u64>();
            for i in (0..BLOCK_SIZE / 8).step_by(64) {
                p.add(i).write_volatile(v ^ i as u64);
            }
        }
    };
    let mut generation = 0u64;
    let mut rows = Vec::new();
    let mut snap = |case: &str,
                    dirty: &[usize],
                    v: u64,
                    rows: &mut Vec<Row>,
                    pager: &mut Pager<FileDevice>| {
        let mut pauses = Vec::new();
        let mut writes = Vec::new();
        let mut written = 0;
        for _ in 0..runs {
            for &p in dirty {
                touch(p, v ^ generation);
            }
            let t0 = Instant::now();
            let units = t.begin_snapshot().expect("instant");
            let pause = t0.elapsed();
            generation += 1;
            let t1 = Instant::now();
            written = write_snapshot(&t, &units, pager, generation)
                .expect("snapshot")
                .data_blocks_written;
            writes.push(t1.elapsed());
            pauses.push(pause);
        }
        rows.push(Row {
            case: case.to_string(),
            dirty_pages: dirty.len(),
            written,
            pause: median(pauses),
            write: median(writes),
        });
    };

    let all: Vec<usize> = (0..pages).collect();
    for (case, frac) in [("100% dirty", 100usize), ("10% dirty", 10), ("1% dirty", 1)] {
        let n = pages * frac / 100;
        let dirty: Vec<usize> = if frac == 100 {
            all.clone()
        } else {
            let mut v: Vec<usize> = (0..n).map(|_| (next() % pages as u64) as usize).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        snap(case, &dirty, next(), &mut rows, &mut pager);
    }
    let image_blocks = phantom_pager::BlockDevice::blocks(pager.device());
    drop(pager);
    drop(t);

    // Opening an image and reading its first page (cold: the file's pages
    // dropped from the page cache first; warm: straight after).
    let mut open_cold = Vec::new();
    let mut open_warm = Vec::new();
    for cold in [true, false] {
        for _ in 0..runs {
            if cold {
                drop_cache(&image);
            }
            let t0 = Instant::now();
            let (p, t) = restore_file(&image, bytes, TrackerConfig::default()).expect("restore");
            // SAFETY: first word of page 0: a lazy load.
            let w = unsafe { base_read(t.base()) };
            let took = t0.elapsed();
            assert!(w != 0 || p.page_entry(0).is_zero());
            if cold {
                open_cold.push(took);
            } else {
                open_warm.push(took);
            }
        }
    }

    let dd = dd(&dir, dd_mib);
    let _ = std::fs::remove_file(&image);

    println!();
    println!("pages per tracking unit: {ppu}");
    println!();
    println!("| case | dirty pages | written MiB (whole units) | pause (instant) | snapshot write + commit | throughput (written) |");
    println!("|---|---:|---:|---:|---:|---:|");
    for r in &rows {
        let b = r.written as usize * BLOCK_SIZE;
        println!(
            "| {} | {} | {:.1} | {:.3} ms | {:.1} ms | {:.0} MiB/s |",
            r.case,
            r.dirty_pages,
            b as f64 / (1 << 20) as f64,
            r.pause.as_secs_f64() * 1e3,
            r.write.as_secs_f64() * 1e3,
            mib_s(b, r.write)
        );
    }
    let dd_rate = dd.as_ref().map(|(d, _)| mib_s(dd_mib << 20, *d));
    match &dd {
        Some((d, line)) => {
            println!(
                "| dd bs=1M count={dd_mib} conv=fsync | | {dd_mib} | | {:.1} ms | {:.0} MiB/s |",
                d.as_secs_f64() * 1e3,
                dd_rate.unwrap_or(0.0)
            );
            println!("\ndd says: {line}");
        }
        None => println!("\n(dd could not run)"),
    }
    if let (Some(dd), Some(full)) = (dd_rate, rows.first()) {
        println!(
            "100% dirty snapshot throughput / dd throughput: {:.2}",
            mib_s(full.written as usize * BLOCK_SIZE, full.write) / dd
        );
    }
    println!(
        "image size after the runs: {:.1} MiB",
        (image_blocks as usize * BLOCK_SIZE) as f64 / (1 << 20) as f64
    );
    println!(
        "open image + restore region + first page: cold {:.2} ms, warm {:.2} ms (median of {runs})",
        median(open_cold).as_secs_f64() * 1e3,
        median(open_warm).as_secs_f64() * 1e3
    );
}

/// Reads the first word of the region.
unsafe fn base_read(p: *mut u8) -> u64 {
    // SAFETY: the caller passes the start of a live region.
    unsafe { p.cast::<u64>().read_volatile() }
}
