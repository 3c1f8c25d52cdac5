//! `cargo xtask bench-persist`: what persistence costs in the real
//! runtime (`phantom run --image`), as a markdown table.
//!
//! * **Snapshots.** For each object memory size (`--heap-max`), the
//!   workload `benches/persist/dirty.ph` fills `--fill` % of it with live
//!   binaries, then, for each dirty share, writes one byte into that share
//!   of its 4 KiB pages. After each round the driver sends SIGUSR1 and reads
//!   the snapshot's `-v` line: stop (until every VM thread is at a
//!   safepoint), pause (the stop-the-world instant) and write (pages to the
//!   image and the commit with fsync, while the program runs). The program
//!   and the driver talk over a loopback TCP connection, so a round starts
//!   only after the previous snapshot is durable and the program is blocked
//!   in `recv` while a snapshot is taken.
//! * **Write throughput** of the full snapshots next to `dd if=/dev/zero
//!   bs=1M count=1024 conv=fsync` into the same directory, run before and
//!   after the snapshots.
//! * **Continuing** the largest image: the program is stopped with SIGTERM
//!   (last snapshot), then `phantom run --image FILE -v` is timed to its
//!   `first bytecode` line and to the program's first output, with the image
//!   file's page cache dropped first (cold, `posix_fadvise(DONTNEED)`) and
//!   with the whole file read into the cache first (warm).
//!
//! Files go to `target/persist-bench/` (on disk) and are removed at the end
//! unless `--keep`. Progress goes to standard error, the tables to standard
//! output.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use clap::Args;

use crate::Ctx;

const PAGE: u64 = 4096;
const MIB: f64 = 1024.0 * 1024.0;
/// How long any one step (fill, snapshot, restart) may take.
const STEP_TIMEOUT: Duration = Duration::from_secs(600);

const SIGUSR1: i32 = 10;
const SIGKILL: i32 = 9;
const SIGTERM: i32 = 15;
const POSIX_FADV_DONTNEED: i32 = 4;

extern "C" {
    fn kill(pid: i32, sig: i32) -> i32;
    fn posix_fadvise(fd: i32, offset: i64, len: i64, advice: i32) -> i32;
}

/// Options of `cargo xtask bench-persist`.
#[derive(Args)]
pub struct PersistArgs {
    /// Object memory sizes in MiB (`phantom run --heap-max`).
    #[arg(long, value_delimiter = ',', default_values_t = [64, 512, 2048])]
    sizes: Vec<usize>,
    /// Shares of the data's pages dirtied before each snapshot, in percent
    /// (each must divide 100).
    #[arg(long, value_delimiter = ',', default_values_t = [1, 10, 100])]
    dirty: Vec<usize>,
    /// Measured snapshots per size and share (the median is reported).
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// Snapshots per size and share taken first and not counted.
    #[arg(long, default_value_t = 2)]
    warmup: usize,
    /// Live data, in percent of the object memory.
    #[arg(long, default_value_t = 90)]
    fill: usize,
    /// KiB per binary object holding the data.
    #[arg(long, default_value_t = 1024)]
    chunk: usize,
    /// Runs of each (cold, warm) restart of the largest image; 0 skips it.
    #[arg(long, default_value_t = 3)]
    start_runs: usize,
    /// Skip the dd runs.
    #[arg(long)]
    no_dd: bool,
    /// Directory for the images and dd's file [default: target/persist-bench
    /// in the workspace].
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
    /// Keep the image files.
    #[arg(long)]
    keep: bool,
}

fn progress(msg: &str) {
    eprintln!("bench-persist: {msg}");
}

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

fn max(v: &[f64]) -> f64 {
    v.iter().copied().fold(f64::NAN, f64::max)
}

/// The number right after `key` in `line` (`"pause 1.5 ms"` → 1.5).
fn num_after(line: &str, key: &str) -> Option<f64> {
    let rest = &line[line.find(key)? + key.len()..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    rest[..end].parse().ok()
}

/// One `phantom: snapshot G: ...` line.
#[derive(Clone, Copy)]
struct Snap {
    pages: u64,
    stop_ms: f64,
    pause_ms: f64,
    write_ms: f64,
}

impl Snap {
    fn parse(line: &str) -> Option<Snap> {
        let rest = line.strip_prefix("phantom: snapshot ")?;
        let rest = &rest[rest.find(": ")? + 2..];
        Some(Snap {
            pages: num_after(rest, "")? as u64,
            stop_ms: num_after(rest, "stop ")?,
            pause_ms: num_after(rest, "pause ")?,
            write_ms: num_after(rest, "write ")?,
        })
    }

    fn total_ms(&self) -> f64 {
        self.stop_ms + self.pause_ms + self.write_ms
    }

    fn mib_per_s(&self) -> f64 {
        (self.pages * PAGE) as f64 / MIB / (self.write_ms / 1e3)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Stream {
    Out,
    Err,
}

/// A running `phantom`, its output lines arriving on a channel.
struct Phantom {
    child: Child,
    lines: Receiver<(Stream, String)>,
    /// Standard error so far, for error messages.
    log: Vec<String>,
}

impl Phantom {
    fn spawn(cmd: &mut Command) -> Result<Phantom> {
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| format!("starting {}", crate::util::describe(cmd)))?;
        let (tx, lines) = mpsc::channel();
        let out = child.stdout.take().expect("piped stdout");
        let err = child.stderr.take().expect("piped stderr");
        for (which, r) in [
            (Stream::Out, Box::new(out) as Box<dyn Read + Send>),
            (Stream::Err, Box::new(err)),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(r).lines() {
                    let Ok(line) = line else { return };
                    if tx.send((which, line)).is_err() {
                        return;
                    }
                }
            });
        }
        Ok(Phantom {
            child,
            lines,
            log: Vec::new(),
        })
    }

    fn signal(&self, sig: i32) {
        // SAFETY: kill(2) on our own child's pid.
        unsafe { kill(self.child.id() as i32, sig) };
    }

    fn exited(&mut self) -> Option<ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    fn failure(&mut self, what: &str) -> anyhow::Error {
        // Let the reader threads deliver what is left.
        std::thread::sleep(Duration::from_millis(100));
        while let Ok((s, l)) = self.lines.try_recv() {
            if s == Stream::Err {
                self.log.push(l);
            }
        }
        let status = match self.exited() {
            Some(s) => format!("phantom exited with {s}"),
            None => "phantom is still running".into(),
        };
        anyhow!(
            "{what}; {status}; its standard error:\n{}",
            self.log.join("\n")
        )
    }

    /// Waits up to `timeout` for a line that `want` accepts; `None` if
    /// the time ran out or phantom's output ended.
    fn next_line(
        &mut self,
        timeout: Duration,
        mut want: impl FnMut(Stream, &str) -> bool,
    ) -> Option<(Stream, String)> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok((s, l)) => {
                    if s == Stream::Err {
                        self.log.push(l.clone());
                    }
                    if want(s, &l) {
                        return Some((s, l));
                    }
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    /// Asks for a snapshot (SIGUSR1) and waits for its report.
    fn snapshot(&mut self) -> Result<Snap> {
        self.signal(SIGUSR1);
        let found = self.next_line(STEP_TIMEOUT, |s, l| {
            s == Stream::Err
                && l.starts_with("phantom: snapshot ")
                && (l.contains(" write ") || l.contains(" failed"))
        });
        match found {
            Some((_, l)) => Snap::parse(&l).ok_or_else(|| self.failure(&format!("snapshot: {l}"))),
            None => Err(self.failure("no snapshot report")),
        }
    }

    /// Waits for the process to end.
    fn wait(&mut self, timeout: Duration) -> Result<ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(s) = self.exited() {
                return Ok(s);
            }
            if Instant::now() > deadline {
                return Err(self.failure("phantom did not stop"));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for Phantom {
    fn drop(&mut self) {
        if self.exited().is_none() {
            self.signal(SIGKILL);
            let _ = self.child.wait();
        }
    }
}

/// The driver's end of the workload's connection.
struct Conn {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Conn {
    /// Accepts the workload's connection, failing if phantom ends first.
    fn accept(listener: &TcpListener, ph: &mut Phantom) -> Result<Conn> {
        listener.set_nonblocking(true)?;
        let deadline = Instant::now() + STEP_TIMEOUT;
        loop {
            match listener.accept() {
                Ok((s, _)) => {
                    s.set_nonblocking(false)?;
                    s.set_read_timeout(Some(Duration::from_millis(200)))?;
                    return Ok(Conn {
                        reader: BufReader::new(s.try_clone()?),
                        writer: s,
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    if ph.exited().is_some() || Instant::now() > deadline {
                        return Err(ph.failure("the workload did not connect"));
                    }
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    fn send(&mut self, line: &str) -> Result<()> {
        self.writer.write_all(format!("{line}\n").as_bytes())?;
        Ok(())
    }

    /// The workload's next line, failing if phantom ends first.
    fn recv(&mut self, ph: &mut Phantom) -> Result<String> {
        let deadline = Instant::now() + STEP_TIMEOUT;
        let mut line = String::new();
        loop {
            match self.reader.read_line(&mut line) {
                Ok(0) => return Err(ph.failure("the workload closed its connection")),
                Ok(_) if line.ends_with('\n') => return Ok(line.trim_end().to_string()),
                Ok(_) => {}
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(e) => return Err(e.into()),
            }
            if ph.exited().is_some() || Instant::now() > deadline {
                return Err(ph.failure("no answer from the workload"));
            }
        }
    }
}

/// Forgets the file's cached pages, so that the next read goes to disk.
fn drop_cache(path: &Path) -> Result<()> {
    let f = std::fs::File::open(path)?;
    // SAFETY: an advisory call on a descriptor we own.
    let r = unsafe { posix_fadvise(f.as_raw_fd(), 0, 0, POSIX_FADV_DONTNEED) };
    if r != 0 {
        bail!("posix_fadvise({}): error {r}", path.display());
    }
    Ok(())
}

/// Reads the whole file, so that it is in the page cache.
fn warm_cache(path: &Path) -> Result<()> {
    let mut f = std::fs::File::open(path)?;
    let mut buf = vec![0u8; 1 << 20];
    while f.read(&mut buf)? > 0 {}
    Ok(())
}

/// `dd if=/dev/zero of=FILE bs=1M count=1024 conv=fsync`: MiB/s.
fn dd(dir: &Path) -> Result<f64> {
    let file = dir.join("dd.tmp");
    let t = Instant::now();
    let out = Command::new("dd")
        .arg("if=/dev/zero")
        .arg(format!("of={}", file.display()))
        .args(["bs=1M", "count=1024", "conv=fsync"])
        .output()
        .context("running dd")?;
    let secs = t.elapsed().as_secs_f64();
    let _ = std::fs::remove_file(&file);
    if !out.status.success() {
        bail!("dd failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(1024.0 / secs)
}

/// One row of the snapshot table.
struct Row {
    heap: usize,
    pct: usize,
    dirtied: u64,
    snaps: Vec<Snap>,
}

impl Row {
    fn col(&self, f: impl Fn(&Snap) -> f64) -> Vec<f64> {
        self.snaps.iter().map(f).collect()
    }
}

/// What filling one size took.
struct Setup {
    heap: usize,
    data_mib: usize,
    fill_s: f64,
    first: Snap,
    image_bytes: u64,
}

/// Restart timings of the largest image.
struct Start {
    heap: usize,
    image_bytes: u64,
    /// (cold?, first bytecode ms per phantom -v, spawn to first output ms)
    runs: Vec<(bool, Option<f64>, f64)>,
}

fn phantom_cmd(phantom: &Path, image: &Path) -> Command {
    let mut c = Command::new(phantom);
    c.arg("run").arg("--image").arg(image);
    c
}

/// Fills a `heap` MiB object memory, measures the snapshot rounds, and
/// if `start` measures continuing it.
fn one_size(
    args: &PersistArgs,
    phantom: &Path,
    program: &Path,
    image: &Path,
    heap: usize,
    start: bool,
    rows: &mut Vec<Row>,
) -> Result<(Setup, Option<Start>)> {
    let _ = std::fs::remove_file(image);
    let data_mib = heap * args.fill / 100;
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    progress(&format!(
        "{heap} MiB: filling {data_mib} MiB with {} KiB binaries",
        args.chunk
    ));
    let t = Instant::now();
    let mut ph = Phantom::spawn(
        phantom_cmd(phantom, image)
            .arg("--heap-max")
            .arg(heap.to_string())
            .args(["--snapshot-interval", "0", "-v"])
            .arg(program)
            .arg(format!("mib={data_mib}"))
            .arg(format!("chunk={}", args.chunk))
            .arg(format!("port={port}")),
    )?;
    let mut conn = Conn::accept(&listener, &mut ph)?;
    let ready = conn.recv(&mut ph)?;
    let fill_s = t.elapsed().as_secs_f64();
    if !ready.starts_with("ready ") {
        return Err(ph.failure(&format!("the workload said {ready:?}")));
    }
    progress(&format!(
        "{heap} MiB: {ready} after {fill_s:.1} s; first snapshot"
    ));
    let first = ph.snapshot()?;
    progress(&format!(
        "{heap} MiB: first snapshot: {} pages, pause {:.2} ms, write {:.0} ms",
        first.pages, first.pause_ms, first.write_ms
    ));
    let mut round = 0;
    for &pct in &args.dirty {
        let mut row = Row {
            heap,
            pct,
            dirtied: 0,
            snaps: Vec::new(),
        };
        for i in 0..args.warmup + args.rounds {
            conn.send(&format!("dirty {pct} {round}"))?;
            round += 1;
            let answer = conn.recv(&mut ph)?;
            let Some(n) = answer.strip_prefix("dirtied ") else {
                return Err(ph.failure(&format!("the workload said {answer:?}")));
            };
            row.dirtied = n.parse()?;
            let s = ph.snapshot()?;
            let counted = i >= args.warmup;
            progress(&format!(
                "{heap} MiB, {pct}%{}: {} pages dirtied, {} written, stop {:.2} ms, pause {:.2} ms, write {:.1} ms",
                if counted { "" } else { " (warm-up)" },
                row.dirtied,
                s.pages,
                s.stop_ms,
                s.pause_ms,
                s.write_ms
            ));
            if counted {
                row.snaps.push(s);
            }
        }
        rows.push(row);
    }
    let image_bytes = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    let mut start_result = None;
    if start {
        // A last snapshot (SIGTERM) while the program prints a line
        // every millisecond: continuing it prints at once.
        conn.send("idle")?;
        let answer = conn.recv(&mut ph)?;
        if answer != "idle" {
            return Err(ph.failure(&format!("the workload said {answer:?}")));
        }
        ph.signal(SIGTERM);
        let st = ph.wait(STEP_TIMEOUT)?;
        if st.code() != Some(128 + SIGTERM) {
            return Err(ph.failure("SIGTERM did not end phantom with 143"));
        }
        drop(ph);
        drop(conn);
        let mut runs = Vec::new();
        for cold in [true, false] {
            for _ in 0..args.start_runs {
                if cold {
                    drop_cache(image)?;
                } else {
                    warm_cache(image)?;
                }
                let t = Instant::now();
                let mut ph = Phantom::spawn(phantom_cmd(phantom, image).arg("-v"))?;
                let mut first_out = None;
                let mut first_bc = None;
                let mut deadline = t + STEP_TIMEOUT;
                // The -v line comes within about a second of the start or
                // not at all: phantom looks for the first bytecode only
                // that long.
                while first_out.is_none() || first_bc.is_none() {
                    let left = deadline.saturating_duration_since(Instant::now());
                    match ph.next_line(left, |s, l| {
                        s == Stream::Out || l.contains("first bytecode")
                    }) {
                        Some((Stream::Out, _)) => {
                            if first_out.is_none() {
                                first_out = Some(t.elapsed().as_secs_f64() * 1e3);
                                deadline = deadline.min(Instant::now() + Duration::from_secs(3));
                            }
                        }
                        Some((_, l)) => first_bc = num_after(&l, "first bytecode "),
                        None => break,
                    }
                }
                let Some(out_ms) = first_out else {
                    return Err(ph.failure("the continued program printed nothing"));
                };
                progress(&format!(
                    "continuing {heap} MiB ({}): first bytecode {}, first output {out_ms:.1} ms",
                    if cold { "cold" } else { "warm" },
                    first_bc.map_or("not reported".into(), |v| format!("{v:.1} ms")),
                ));
                ph.signal(SIGTERM);
                ph.wait(STEP_TIMEOUT)?;
                runs.push((cold, first_bc, out_ms));
            }
        }
        start_result = Some(Start {
            heap,
            image_bytes: image_bytes(image),
            runs,
        });
    } else {
        conn.send("quit")?;
        let st = ph.wait(STEP_TIMEOUT)?;
        if !st.success() {
            return Err(ph.failure("the workload did not end cleanly"));
        }
    }
    let setup = Setup {
        heap,
        data_mib,
        fill_s,
        first,
        image_bytes: image_bytes(image),
    };
    Ok((setup, start_result))
}

fn fmt_opt(v: f64, prec: usize) -> String {
    if v.is_nan() {
        "—".into()
    } else {
        format!("{v:.prec$}")
    }
}

/// Runs the benchmark and prints the tables.
pub fn run(ctx: &Ctx, args: &PersistArgs) -> Result<()> {
    if args.sizes.is_empty() || args.sizes.iter().any(|&s| s < 16) {
        bail!("--sizes: give object memory sizes of 16 MiB or more");
    }
    if args
        .dirty
        .iter()
        .any(|&p| p == 0 || p > 100 || 100 % p != 0)
    {
        bail!("--dirty: each share must divide 100 (1, 2, 4, 5, 10, 20, 25, 50, 100)");
    }
    if args.rounds == 0
        || !(1..=95).contains(&args.fill)
        || args.chunk < 4
        || !args.chunk.is_multiple_of(4)
    {
        bail!("--rounds must be 1 or more, --fill 1..95, --chunk a multiple of 4 KiB");
    }
    let started = Instant::now();
    progress("building phantom (release)");
    let phantom = crate::util::build_phantom_release(ctx)?;
    let program = ctx.root.join("benches/persist/dirty.ph");
    let dir = args
        .dir
        .clone()
        .unwrap_or_else(|| ctx.root.join("target/persist-bench"));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;

    let mut dd_runs = Vec::new();
    let mut run_dd = |when: &str| -> Result<()> {
        if !args.no_dd {
            progress(&format!("dd, 1 GiB with fsync, {when}"));
            let v = dd(&dir)?;
            progress(&format!("dd: {v:.0} MiB/s"));
            dd_runs.push(v);
        }
        Ok(())
    };
    let largest = *args.sizes.iter().max().expect("sizes");
    let mut rows = Vec::new();
    let mut setups = Vec::new();
    let mut start = None;
    for &heap in &args.sizes {
        run_dd(&format!("before {heap} MiB"))?;
        let with_start = heap == largest && args.start_runs > 0 && start.is_none();
        let image = dir.join(format!("persist-{heap}.img"));
        let r = one_size(
            args, &phantom, &program, &image, heap, with_start, &mut rows,
        );
        if !args.keep {
            let _ = std::fs::remove_file(&image);
        }
        let (setup, st) = r?;
        setups.push(setup);
        if st.is_some() {
            start = st;
        }
    }
    run_dd("at the end")?;
    let _ = std::fs::remove_dir(&dir);

    // ---- the tables
    println!(
        "## Snapshots (`phantom run --image`, median of {} after {} warm-up)\n",
        args.rounds, args.warmup
    );
    println!("| object memory | dirty | pages dirtied | pages written | stop ms | pause ms (max) | write ms | total ms | write MiB/s |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        println!(
            "| {} MiB | {}% | {} | {} | {} | {} ({}) | {} | {} | {} |",
            r.heap,
            r.pct,
            r.dirtied,
            median(&r.col(|s| s.pages as f64)) as u64,
            fmt_opt(median(&r.col(|s| s.stop_ms)), 2),
            fmt_opt(median(&r.col(|s| s.pause_ms)), 2),
            fmt_opt(max(&r.col(|s| s.pause_ms)), 2),
            fmt_opt(median(&r.col(|s| s.write_ms)), 1),
            fmt_opt(median(&r.col(Snap::total_ms)), 1),
            fmt_opt(median(&r.col(Snap::mib_per_s)), 0),
        );
    }
    println!(
        "\nstop: until every VM thread is at a safepoint; pause: the stop-the-world instant; \
         write: pages to the image and the commit (fsync), while the program runs; \
         total = stop + pause + write. A snapshot writes whole tracking units \
         (1, 4 and 16 pages at 64 MiB, 512 MiB and 2 GiB), plus the heap's own changed pages."
    );

    println!("\n## Filling\n");
    println!("| object memory | live data | fill s | first snapshot pages | its pause ms | its write ms | image file |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for s in &setups {
        println!(
            "| {} MiB | {} MiB | {:.1} | {} | {:.2} | {:.0} | {:.0} MiB |",
            s.heap,
            s.data_mib,
            s.fill_s,
            s.first.pages,
            s.first.pause_ms,
            s.first.write_ms,
            s.image_bytes as f64 / MIB
        );
    }

    if !dd_runs.is_empty() {
        let dd_median = median(&dd_runs);
        println!("\n## Write throughput next to dd\n");
        println!(
            "`dd if=/dev/zero of={}/dd.tmp bs=1M count=1024 conv=fsync`, before each size and at the end: {} MiB/s (median {:.0})\n",
            dir.display(),
            dd_runs
                .iter()
                .map(|v| format!("{v:.0}"))
                .collect::<Vec<_>>()
                .join(", "),
            dd_median
        );
        println!(
            "| object memory | 100% snapshot MiB/s (median) | / dd | first snapshot MiB/s (the image file grows) | / dd |"
        );
        println!("|---:|---:|---:|---:|---:|");
        for s in &setups {
            let steady = rows
                .iter()
                .find(|r| r.heap == s.heap && r.pct == 100)
                .map_or(f64::NAN, |r| median(&r.col(Snap::mib_per_s)));
            let first = s.first.mib_per_s();
            println!(
                "| {} MiB | {} | {} | {:.0} | {:.2} |",
                s.heap,
                fmt_opt(steady, 0),
                fmt_opt(steady / dd_median, 2),
                first,
                first / dd_median
            );
        }
    }

    if let Some(st) = &start {
        println!(
            "\n## Continuing the {} MiB image ({:.0} MiB file), median of {}\n",
            st.heap,
            st.image_bytes as f64 / MIB,
            args.start_runs
        );
        println!("| page cache | first bytecode ms (`-v`) | spawn to first output ms |");
        println!("|---|---:|---:|");
        for cold in [true, false] {
            let runs: Vec<_> = st.runs.iter().filter(|r| r.0 == cold).collect();
            let bc: Vec<f64> = runs.iter().filter_map(|r| r.1).collect();
            let out: Vec<f64> = runs.iter().map(|r| r.2).collect();
            println!(
                "| {} | {} | {:.1} |",
                if cold {
                    "cold (image dropped with POSIX_FADV_DONTNEED)"
                } else {
                    "warm (whole image read first)"
                },
                if bc.len() == runs.len() {
                    format!("{:.1}", median(&bc))
                } else {
                    format!(
                        "{} ({} of {} not reported)",
                        fmt_opt(median(&bc), 1),
                        runs.len() - bc.len(),
                        runs.len()
                    )
                },
                median(&out)
            );
        }
    }
    println!(
        "\n`cargo xtask bench-persist --sizes {} --dirty {} --rounds {} --warmup {}`: {:.0} s",
        args.sizes
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(","),
        args.dirty
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(","),
        args.rounds,
        args.warmup,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
