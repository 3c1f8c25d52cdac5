//! `cargo xtask test-persist`: a counter program on the kernel is killed
//! with SIGKILL at random instants, some of them while a snapshot is being
//! written, and booted again each time. Every boot must continue exactly
//! one snapshot, never older than the newest one the kernel reported
//! durable, and go on counting from exactly the number that snapshot
//! holds; afterwards the store passes `phantom image check` on the host.
//!
//! The kernel reports snapshots with `marks` (`runtime/host.rs`):
//! `\x01I<g>\x01` at the instant of snapshot g (in order with the
//! program's output), `\x01D<g>\x01` once it is durable, `\x01R<g>\x01`
//! when a boot continues it.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::Args;

use crate::kernel;
use crate::util::{self, step};
use crate::Ctx;

/// The program killed.
const PROGRAM: &str = "testsuite/kernel/kill_counter.ph";
/// Seconds between snapshots in the test (short, so that kills often land
/// in a write).
const SNAPSHOT_SECS: &str = "0.15";

/// Options of `cargo xtask test-persist`.
#[derive(Args)]
pub struct PersistTestArgs {
    /// How many times QEMU is killed.
    #[arg(long, default_value_t = 20)]
    kills: u32,
    /// Seed of the kill instants (default: from the clock; printed).
    #[arg(long)]
    seed: Option<u64>,
}

impl PersistTestArgs {
    /// The options CI uses.
    pub fn ci_default() -> Self {
        Self {
            kills: 20,
            seed: None,
        }
    }
}

/// What a run of the test measured.
pub struct PersistReport {
    /// Boots killed.
    pub kills: u32,
    /// Of them, killed between a snapshot's instant and its durability.
    pub during_write: u32,
    /// Newest generation reached.
    pub generation: u64,
    /// Wall time of the whole test.
    pub total: Duration,
}

/// One piece of the kernel's output.
#[derive(Debug, PartialEq, Eq)]
enum Token {
    /// A complete line of program output (without its line end).
    Line(String),
    /// A mark: its tag and payload.
    Mark(u8, String),
}

/// Splits serial output into complete lines and marks; a line cut short by
/// the kill is left out.
fn tokens(bytes: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut line = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0x01 => {
                let Some(end) = bytes[i + 1..].iter().position(|&b| b == 0x01) else {
                    break;
                };
                let body = &bytes[i + 1..i + 1 + end];
                if let Some((&tag, payload)) = body.split_first() {
                    out.push(Token::Mark(
                        tag,
                        String::from_utf8_lossy(payload).into_owned(),
                    ));
                }
                i += end + 2;
                continue;
            }
            b'\n' => {
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                out.push(Token::Line(String::from_utf8_lossy(&line).into_owned()));
                line.clear();
            }
            b => line.push(b),
        }
        i += 1;
    }
    out
}

/// What the test knows across boots.
#[derive(Default)]
struct History {
    /// The newest generation any boot reported durable.
    durable: u64,
    /// The count the program held at each snapshot's instant (the last one
    /// printed before it), for the latest instant of each generation.
    at_instant: HashMap<u64, u64>,
}

/// What one boot showed.
#[derive(Debug, Default)]
struct Boot {
    resumed: Option<u64>,
    first_count: Option<u64>,
    /// An instant was taken and its snapshot not reported durable by the kill.
    killed_in_write: bool,
}

/// Checks one boot's output against the history and adds to it.
fn check_boot(h: &mut History, toks: &[Token]) -> Result<Boot> {
    let mut b = Boot::default();
    let mut count: Option<u64> = None;
    let mut pending_instant = None;
    for t in toks {
        match t {
            Token::Mark(b'R', g) => {
                if b.resumed.is_some() || count.is_some() {
                    bail!("a boot continued a snapshot twice, or after the program printed");
                }
                let g: u64 = g.parse().context("R mark")?;
                b.resumed = Some(g);
                count = Some(*h.at_instant.get(&g).with_context(|| {
                    format!("the boot continued snapshot {g}, whose instant was never reported")
                })?);
            }
            Token::Mark(b'I', g) => {
                let g: u64 = g.parse().context("I mark")?;
                h.at_instant.insert(g, count.unwrap_or(0));
                pending_instant = Some(g);
            }
            Token::Mark(b'D', g) => {
                let g: u64 = g.parse().context("D mark")?;
                h.durable = h.durable.max(g);
                if pending_instant == Some(g) {
                    pending_instant = None;
                }
            }
            Token::Mark(_, _) => {}
            Token::Line(l) => {
                let Some(n) = l.strip_prefix("count ") else {
                    bail!("unexpected output line {l:?}");
                };
                let n: u64 = n.parse().with_context(|| format!("line {l:?}"))?;
                let want = count.unwrap_or(0) + 1;
                if n != want {
                    bail!(
                        "printed count {n} where {want} was due (continued snapshot {:?})",
                        b.resumed
                    );
                }
                b.first_count.get_or_insert(n);
                count = Some(n);
            }
        }
    }
    b.killed_in_write = pending_instant.is_some();
    Ok(b)
}

/// A small deterministic generator for the kill instants.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The byte offset and length of the disk's object store partition.
fn store_partition(disk: &Path) -> Result<(u64, u64)> {
    let mut mbr = [0u8; 512];
    std::fs::File::open(disk)
        .and_then(|mut f| f.read_exact(&mut mbr))
        .with_context(|| format!("reading the MBR of {}", disk.display()))?;
    for i in 0..4 {
        let e = 446 + i * 16;
        if mbr[e + 4] == 0x7f {
            let n = |o: usize| {
                u64::from(u32::from_le_bytes([
                    mbr[o],
                    mbr[o + 1],
                    mbr[o + 2],
                    mbr[o + 3],
                ]))
            };
            return Ok((n(e + 8) * 512, n(e + 12) * 512));
        }
    }
    bail!(
        "{} has no object store partition (type 0x7f)",
        disk.display()
    )
}

/// Copies the store partition out and runs `phantom image check` on it.
fn check_store(ctx: &Ctx, disk: &Path) -> Result<String> {
    step("building phantom (for phantom image check)");
    util::run(
        util::cargo()
            .current_dir(&ctx.root)
            .args(["build", "-p", "phantom", "--target-dir"])
            .arg(&ctx.target_dir),
    )?;
    let (off, len) = store_partition(disk)?;
    let bytes = std::fs::read(disk).with_context(|| format!("reading {}", disk.display()))?;
    let store = bytes
        .get(off as usize..(off + len) as usize)
        .context("the store partition runs past the end of the disk")?;
    let img: PathBuf = disk.with_extension("store.img");
    std::fs::write(&img, store).with_context(|| format!("writing {}", img.display()))?;
    let phantom = ctx.target_dir.join("debug").join("phantom");
    let out = Command::new(&phantom)
        .args(["image", "check"])
        .arg(&img)
        .output()
        .with_context(|| format!("starting {}", phantom.display()))?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    print!("{text}");
    if !out.status.success() {
        bail!(
            "phantom image check failed on the store:\n{text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let _ = std::fs::remove_file(&img);
    Ok(text.lines().next().unwrap_or_default().to_string())
}

/// A booted QEMU: the process, its stdin, its output as it comes, and the
/// thread reading it.
type Booted = (
    std::process::Child,
    std::process::ChildStdin,
    mpsc::Receiver<Vec<u8>>,
    std::thread::JoinHandle<()>,
);

/// Boots the disk in QEMU with `marks` and stdin piped.
fn boot(image: &Path, disk: &Path) -> Result<Booted> {
    let mut cmd = kernel::program_qemu(
        image,
        disk,
        &format!("quiet log=warn marks snapshot={SNAPSHOT_SECS}"),
    );
    cmd.args(["-display", "none", "-monitor", "none"])
        .args([
            "-chardev",
            "stdio,id=con,signal=off",
            "-serial",
            "chardev:con",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped());
    let mut child = cmd.spawn().context("starting qemu-system-x86_64")?;
    let stdin = child.stdin.take().context("QEMU's stdin")?;
    let mut stdout = child.stdout.take().context("QEMU's stdout")?;
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    Ok((child, stdin, rx, reader))
}

/// Ctrl-C on the console: the kernel must take a last snapshot holding
/// everything printed, exit with the stopped status, and the next boot must
/// continue exactly that snapshot. Returns its generation.
fn stop_and_continue(image: &Path, disk: &Path, h: &mut History) -> Result<u64> {
    use std::io::Write as _;
    let mut stop_generation = 0;
    for round in ["stopped", "after the stop"] {
        let (mut child, mut stdin, rx, reader) = boot(image, disk)?;
        let t0 = Instant::now();
        let mut bytes = Vec::new();
        // A few counts first (and the console's serial input enabled).
        while bytes.windows(6).filter(|w| *w == b"count ").count() < 4 {
            if let Ok(c) = rx.recv_timeout(Duration::from_secs(30)) {
                bytes.extend(c);
            }
            if t0.elapsed() > Duration::from_secs(30) {
                let _ = child.kill();
                bail!(
                    "{round}: the counter did not count:\n{}",
                    String::from_utf8_lossy(&bytes)
                );
            }
        }
        let durable_before = h.durable;
        if round == "stopped" {
            stdin
                .write_all(b"\x03")
                .and_then(|()| stdin.flush())
                .context("typing Ctrl-C")?;
            let status = loop {
                if let Some(s) = child.try_wait().context("waiting for QEMU")? {
                    break s;
                }
                if t0.elapsed() > Duration::from_secs(60) {
                    let _ = child.kill();
                    bail!("Ctrl-C did not stop the program within 60 s");
                }
                std::thread::sleep(Duration::from_millis(20));
            };
            if status.code() != Some(kernel::QEMU_PROGRAM_STOPPED) {
                bail!("after Ctrl-C QEMU exited with {status}, not the stopped status");
            }
        } else {
            child.kill().context("killing QEMU")?;
            let _ = child.wait();
        }
        let _ = reader.join();
        bytes.extend(rx.try_iter().flatten());
        let toks = tokens(&bytes);
        let b = check_boot(h, &toks)
            .with_context(|| format!("{round}:\n{}", String::from_utf8_lossy(&bytes)))?;
        if b.resumed.is_none_or(|r| r < durable_before) {
            bail!(
                "{round}: continued {:?}, not the durable snapshot {durable_before}",
                b.resumed
            );
        }
        if round == "stopped" {
            // The last snapshot is the stop's, durable, after all output.
            let last_output = toks.iter().rposition(|t| matches!(t, Token::Line(_)));
            let last_durable = toks.iter().rposition(|t| matches!(t, Token::Mark(b'D', _)));
            if last_durable < last_output || b.killed_in_write {
                bail!(
                    "Ctrl-C: no durable snapshot after the last output:\n{}",
                    String::from_utf8_lossy(&bytes)
                );
            }
            stop_generation = h.durable;
        } else if b.resumed != Some(stop_generation) {
            bail!(
                "after the stop: continued {:?}, not the stop's snapshot {stop_generation}",
                b.resumed
            );
        }
    }
    Ok(stop_generation)
}

/// Runs the test.
pub fn test_persist(ctx: &Ctx, args: &PersistTestArgs) -> Result<PersistReport> {
    kernel::ensure_qemu()?;
    let start = Instant::now();
    let image = kernel::build(ctx)?;
    let disk = ctx.target_dir.join("phantom-kernel").join("kill.disk");
    let program = ctx.root.join(PROGRAM).display().to_string();
    kernel::make_fresh_disk(ctx, &disk, &program, 16)?;
    let seed = args.seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64)
            | 1
    });
    step(&format!(
        "killing {PROGRAM} in QEMU {} times (seed {seed}; snapshots every {SNAPSHOT_SECS} s)",
        args.kills
    ));
    let mut rng = Rng(seed);
    let mut h = History::default();
    let mut during_write = 0;
    for round in 0..args.kills {
        // Every third boot is killed right after a snapshot's instant, while
        // its pages are being written; the others at a random time.
        let in_write = round % 3 == 2;
        let after = Duration::from_millis(250 + rng.below(1250));
        let instants_before_kill = 1 + rng.below(3) as usize;
        let mut cmd = kernel::program_qemu(
            &image,
            &disk,
            &format!("quiet log=warn marks snapshot={SNAPSHOT_SECS}"),
        );
        cmd.args(["-display", "none", "-serial", "stdio", "-monitor", "none"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped());
        let t0 = Instant::now();
        let mut child = cmd.spawn().context("starting qemu-system-x86_64")?;
        let mut stdout = child.stdout.take().context("QEMU's stdout")?;
        let (tx, rx) = mpsc::channel::<Vec<u8>>();
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let mut bytes = Vec::new();
        let deadline = t0 + Duration::from_secs(30);
        loop {
            while let Ok(c) = rx.try_recv() {
                bytes.extend(c);
            }
            let instants = bytes.windows(2).filter(|w| *w == b"\x01I").count();
            let due = if in_write {
                instants >= instants_before_kill
            } else {
                t0.elapsed() >= after
            };
            if due {
                break;
            }
            if let Some(s) = child.try_wait().context("waiting for QEMU")? {
                bail!(
                    "boot {round}: QEMU exited by itself ({s}) before the kill:\n{}",
                    String::from_utf8_lossy(&bytes)
                );
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                bail!(
                    "boot {round}: no snapshot within 30 s:\n{}",
                    String::from_utf8_lossy(&bytes)
                );
            }
            std::thread::sleep(Duration::from_millis(if in_write { 1 } else { 10 }));
        }
        child.kill().context("killing QEMU")?;
        let _ = child.wait();
        let _ = reader.join();
        while let Ok(c) = rx.try_recv() {
            bytes.extend(c);
        }
        let durable_before = h.durable;
        let b = check_boot(&mut h, &tokens(&bytes))
            .with_context(|| format!("boot {round}:\n{}", String::from_utf8_lossy(&bytes)))?;
        // A boot killed before the program printed or continued anything
        // shows nothing to check; any other must continue a snapshot no
        // older than the newest reported durable.
        let ran = b.resumed.is_some() || b.first_count.is_some();
        if ran && durable_before > 0 && b.resumed.is_none_or(|r| r < durable_before) {
            bail!(
                "boot {round} continued {:?}, but snapshot {durable_before} was reported durable",
                b.resumed
            );
        }
        if b.killed_in_write {
            during_write += 1;
        }
        println!(
            "boot {round:3}: continued {:>5}, first count {:>5}, killed after {:.2} s{}",
            b.resumed.map_or_else(
                || if ran { "-".into() } else { "(none yet)".into() },
                |g| format!("#{g}")
            ),
            b.first_count.map_or_else(|| "-".into(), |n| n.to_string()),
            t0.elapsed().as_secs_f64(),
            if b.killed_in_write {
                ", during a snapshot write"
            } else {
                ""
            }
        );
    }
    let stopped = stop_and_continue(&image, &disk, &mut h)?;
    let check = check_store(ctx, &disk)?;
    let total = start.elapsed();
    println!(
        "{} kills ({during_write} during a snapshot write): every boot continued the newest durable snapshot or a newer one, counting on exactly; Ctrl-C stopped it with snapshot {stopped}, continued by the next boot; newest snapshot {}; {check}; {:.1} s",
        args.kills,
        h.durable,
        total.as_secs_f64()
    );
    Ok(PersistReport {
        kills: args.kills,
        during_write,
        generation: h.durable,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Token> {
        tokens(s.as_bytes())
    }

    #[test]
    fn tokens_cut_lines_and_marks() {
        assert_eq!(
            toks("count 1\r\n\x01I1\x01count 2\r\ncou"),
            [
                Token::Line("count 1".into()),
                Token::Mark(b'I', "1".into()),
                Token::Line("count 2".into()),
            ]
        );
    }

    #[test]
    fn a_boot_must_count_on_from_its_snapshot() {
        let mut h = History::default();
        let b = check_boot(
            &mut h,
            &toks("count 1\ncount 2\n\x01I1\x01count 3\n\x01D1\x01\x01I2\x01"),
        )
        .unwrap();
        assert!(b.killed_in_write);
        assert_eq!((h.durable, h.at_instant[&1], h.at_instant[&2]), (1, 2, 3));
        // Continuing snapshot 1 (count 2) must print 3 next.
        let mut h2 = History {
            durable: h.durable,
            at_instant: h.at_instant.clone(),
        };
        assert_eq!(
            check_boot(&mut h2, &toks("\x01R1\x01count 3\n"))
                .unwrap()
                .first_count,
            Some(3)
        );
        assert!(check_boot(&mut h, &toks("\x01R1\x01count 4\n")).is_err());
        assert!(check_boot(&mut h, &toks("\x01R9\x01")).is_err());
        assert!(check_boot(&mut h, &toks("count 1\n\x01R1\x01")).is_err());
    }
}
