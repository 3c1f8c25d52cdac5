//! Building the kernel image and booting it in QEMU.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::Args;

use crate::util::{self, step};
use crate::{disk, Ctx};

/// The kernel's first line of output (printed right after entering Rust).
const FIRST_LINE: &str = "Phantom kernel: entered Rust";
/// Prefix of the self-test summary line: `selftest: N passed, M failed`.
const SUMMARY_PREFIX: &str = "selftest: ";
/// QEMU's exit status when the kernel writes its success code to isa-debug-exit.
const QEMU_SUCCESS: i32 = 33;
/// Frame-pointer backtraces need frame pointers in every kernel function.
const KERNEL_RUSTFLAGS: &str = "-Cforce-frame-pointers=yes";

/// Options of `cargo xtask qemu`.
#[derive(Args)]
pub struct QemuArgs {
    /// Extra words for the kernel command line (e.g. `selftest`, `log=debug`).
    #[arg(long, default_value = "")]
    append: String,
    /// Open QEMU's window (PS/2 keyboard input goes there) instead of running headless.
    #[arg(long)]
    gui: bool,
    /// Start QEMU's gdb stub on :1234 and wait for the debugger before booting.
    #[arg(long)]
    gdb: bool,
    /// Log interrupts and CPU resets to qemu-int.log (QEMU's `-d int,cpu_reset`).
    #[arg(long)]
    trace_int: bool,
}

/// Options of `cargo xtask test`.
#[derive(Args)]
pub struct TestArgs {
    /// Give up (and fail) after this many seconds.
    #[arg(long, default_value_t = 150)]
    timeout: u64,
    /// Extra words for the kernel command line.
    #[arg(long, default_value = "")]
    append: String,
}

impl TestArgs {
    /// The options CI uses.
    pub fn ci_default() -> Self {
        Self {
            timeout: 150,
            append: String::new(),
        }
    }
}

/// Measured times of a successful self-test run.
pub struct TestReport {
    /// From starting QEMU to the kernel's first line of Rust output.
    pub first_output: Duration,
    /// From starting QEMU to the self-test summary.
    pub selftest_done: Duration,
    /// The summary line.
    pub summary: String,
}

/// Builds the kernel (release profile, frame pointers on) and returns the image path.
pub fn build(ctx: &Ctx) -> Result<PathBuf> {
    step("building the kernel");
    let target = kernel_target_dir(ctx);
    let mut cmd = util::cargo();
    cmd.current_dir(&ctx.root)
        .args(["build", "--release", "-p", "phantom-kernel", "--target-dir"])
        .arg(&target)
        .env_remove("RUSTFLAGS")
        .env("CARGO_ENCODED_RUSTFLAGS", KERNEL_RUSTFLAGS);
    util::run(&mut cmd)?;
    let image = target.join("release").join("phantom-kernel");
    if !image.is_file() {
        bail!("cargo succeeded but {} is missing", image.display());
    }
    Ok(image)
}

/// Runs clippy on the kernel with the same flags as its build.
pub fn clippy(ctx: &Ctx) -> Result<()> {
    let mut cmd = util::cargo();
    cmd.current_dir(&ctx.root)
        .args([
            "clippy",
            "--release",
            "-p",
            "phantom-kernel",
            "--target-dir",
        ])
        .arg(kernel_target_dir(ctx))
        .args(["--", "-D", "warnings"])
        .env_remove("RUSTFLAGS")
        .env("CARGO_ENCODED_RUSTFLAGS", KERNEL_RUSTFLAGS);
    util::run(&mut cmd)
}

fn kernel_target_dir(ctx: &Ctx) -> PathBuf {
    // Separate from the host crates' builds: different RUSTFLAGS would
    // otherwise make the two rebuild each other's dependencies.
    ctx.target_dir.join("phantom-kernel")
}

/// Installs QEMU from Debian's packages if it is missing.
pub fn ensure_qemu() -> Result<()> {
    util::ensure_tools(&[("qemu-system-x86_64", "qemu-system-x86")])
}

fn qemu_command(image: &Path, disk: &Path, cmdline: &str) -> Command {
    let mut cmd = Command::new("qemu-system-x86_64");
    cmd.arg("-kernel")
        .arg(image)
        .args(["-append", cmdline.trim()])
        .args(["-m", "256M", "-no-reboot"])
        .args(["-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"])
        .arg("-drive")
        .arg(format!(
            "file={},format=raw,if=none,id=scratch",
            disk.display()
        ))
        .args(["-device", "virtio-blk-pci,drive=scratch"]);
    cmd
}

fn scratch_disk(ctx: &Ctx) -> Result<(PathBuf, u64)> {
    let dir = ctx.target_dir.join("phantom-kernel");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let path = dir.join("scratch.img");
    let nonce = disk::create(&path)?;
    Ok((path, nonce))
}

/// `cargo xtask qemu`: interactive boot with the serial console on stdio.
pub fn qemu(ctx: &Ctx, args: &QemuArgs) -> Result<()> {
    ensure_qemu()?;
    let image = build(ctx)?;
    let (disk, _) = scratch_disk(ctx)?;
    let mut cmd = qemu_command(&image, &disk, &args.append);
    if args.gui {
        cmd.args(["-serial", "stdio"]);
    } else {
        cmd.args(["-display", "none", "-serial", "mon:stdio"]);
        println!(
            "(serial console on this terminal; Ctrl-A X quits QEMU, Ctrl-A C toggles its monitor)"
        );
    }
    if args.gdb {
        cmd.args(["-s", "-S"]);
        println!(
            "(waiting for gdb: gdb {} -ex 'target remote :1234')",
            image.display()
        );
    }
    if args.trace_int {
        cmd.args(["-d", "int,cpu_reset", "-D", "qemu-int.log"]);
    }
    step("booting in QEMU");
    println!("$ {}", util::describe(&cmd));
    let status = cmd.status().context("starting qemu-system-x86_64")?;
    match status.code() {
        Some(0) | Some(QEMU_SUCCESS) => Ok(()),
        _ => bail!("QEMU exited with {status}"),
    }
}

/// `cargo xtask test`: headless boot with `selftest`; succeeds only if the
/// kernel chose QEMU's success code, printed a clean summary, and really wrote the disk.
pub fn test(ctx: &Ctx, args: &TestArgs) -> Result<TestReport> {
    ensure_qemu()?;
    let image = build(ctx)?;
    let (disk, nonce) = scratch_disk(ctx)?;
    let mut cmd = qemu_command(&image, &disk, &format!("selftest {}", args.append));
    cmd.args(["-display", "none", "-serial", "stdio", "-monitor", "none"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped());
    step(&format!(
        "booting the kernel self-tests in QEMU (time limit {} s)",
        args.timeout
    ));
    println!("$ {}", util::describe(&cmd));
    let start = Instant::now();
    let mut child = cmd.spawn().context("starting qemu-system-x86_64")?;
    let stdout = child.stdout.take().context("QEMU's stdout")?;
    let (tx, rx) = mpsc::channel::<(Instant, String)>();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send((Instant::now(), line)).is_err() {
                break;
            }
        }
    });

    let deadline = start + Duration::from_secs(args.timeout);
    let mut first_output = None;
    let mut summary: Option<(Duration, String)> = None;
    let mut backtrace = Vec::new();
    let mut timed_out = false;
    let status = loop {
        while let Ok((at, line)) = rx.try_recv() {
            let line = line.trim_end_matches('\r').to_string();
            println!("  | {line}");
            if first_output.is_none() && line.contains(FIRST_LINE) {
                first_output = Some(at - start);
            }
            if let Some(pos) = line.find(SUMMARY_PREFIX) {
                summary = Some((at - start, line[pos..].to_string()));
            }
            if let Some(addr) = line
                .split("bt ")
                .nth(1)
                .and_then(|s| s.split_whitespace().nth(1))
            {
                backtrace.push(addr.to_string());
            }
        }
        if let Some(status) = child.try_wait().context("waiting for QEMU")? {
            break Some(status);
        }
        if Instant::now() > deadline {
            timed_out = true;
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let _ = reader.join();
    while let Ok((at, line)) = rx.try_recv() {
        let line = line.trim_end_matches('\r').to_string();
        println!("  | {line}");
        if let Some(pos) = line.find(SUMMARY_PREFIX) {
            summary = Some((at - start, line[pos..].to_string()));
        }
    }
    if !backtrace.is_empty() {
        symbolize(&image, &backtrace);
    }
    if timed_out {
        bail!("the kernel did not finish within {} s", args.timeout);
    }
    let status = status.context("QEMU status")?;
    if status.code() != Some(QEMU_SUCCESS) {
        bail!("QEMU exited with {status}; only {QEMU_SUCCESS} (the kernel's success code) passes");
    }
    let Some((selftest_done, summary)) = summary else {
        bail!("the kernel exited without a self-test summary line");
    };
    let (passed, failed) =
        parse_summary(&summary).with_context(|| format!("malformed summary {summary:?}"))?;
    if failed != 0 || passed == 0 {
        bail!("self-tests: {passed} passed, {failed} failed");
    }
    disk::verify_written(&disk, nonce).context("checking the scratch disk after the run")?;
    let first_output = first_output.context("the kernel never printed its first line")?;
    println!(
        "kernel self-tests passed: first Rust output after {:.2} s, self-tests done after {:.2} s; scratch disk write verified",
        first_output.as_secs_f64(),
        selftest_done.as_secs_f64()
    );
    Ok(TestReport {
        first_output,
        selftest_done,
        summary,
    })
}

/// Parses `selftest: N passed, M failed`.
fn parse_summary(line: &str) -> Option<(u32, u32)> {
    let rest = line.strip_prefix(SUMMARY_PREFIX)?;
    let (p, f) = rest.split_once(',')?;
    let passed = p.trim().strip_suffix("passed")?.trim().parse().ok()?;
    let failed = f.split_whitespace().next()?.parse().ok()?;
    f.contains("failed").then_some((passed, failed))
}

/// Prints source locations for backtrace addresses using binutils' addr2line, if present.
fn symbolize(image: &Path, addrs: &[String]) {
    if !util::on_path("addr2line") {
        return;
    }
    step("kernel backtrace, symbolized");
    let mut cmd = Command::new("addr2line");
    cmd.args(["-f", "-C", "-i", "-p", "-e"])
        .arg(image)
        .args(addrs);
    let _ = util::run(&mut cmd);
}

#[cfg(test)]
mod tests {
    use super::parse_summary;

    #[test]
    fn summary_parsing() {
        assert_eq!(
            parse_summary("selftest: 12 passed, 0 failed"),
            Some((12, 0))
        );
        assert_eq!(parse_summary("selftest: 3 passed, 2 failed"), Some((3, 2)));
        assert_eq!(parse_summary("selftest: x passed, 0 failed"), None);
        assert_eq!(parse_summary("selftest: 3 passed"), None);
    }
}
