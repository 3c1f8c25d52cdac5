//! Building the kernel image and booting it in QEMU.

use std::io::{BufRead, BufReader, Read, Write};
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
    /// Boot this disk: made from PROGRAM if it does not exist (or if PROGRAM
    /// is given), booted as it is otherwise [default with a PROGRAM:
    /// NAME.disk in the current directory, after the program].
    #[arg(long, value_name = "FILE")]
    disk: Option<PathBuf>,
    /// No window and no QEMU monitor: the program's output goes to stdout,
    /// and nothing else does (build steps go to stderr).
    #[arg(long)]
    headless: bool,
    /// Extra words for the kernel command line (e.g. `selftest`, `log=debug`).
    #[arg(long, default_value = "")]
    append: String,
    /// Open QEMU's window (PS/2 keyboard input goes there) instead of running headless.
    #[arg(long, conflicts_with = "headless")]
    gui: bool,
    /// Start QEMU's gdb stub on :1234 and wait for the debugger before booting.
    #[arg(long)]
    gdb: bool,
    /// Log interrupts and CPU resets to qemu-int.log (QEMU's `-d int,cpu_reset`).
    #[arg(long)]
    trace_int: bool,
    /// Show the kernel's boot log before the program's output (and a line
    /// per snapshot).
    #[arg(short, long)]
    verbose: bool,
    /// Seconds between snapshots of the program's object memory (fractions
    /// allowed; 0: only when it ends or Ctrl-C stops it) [kernel default: 3].
    #[arg(long, value_name = "SECS")]
    snapshot_interval: Option<f64>,
    /// The program: FILE.ph, compiled with the class library into the
    /// disk's boot class archive, or the name of a library class. Without
    /// one (and without --disk) the kernel boots into its debug console.
    #[arg(value_name = "PROGRAM.ph|CLASS")]
    program: Option<String>,
    /// Kernel environment entries for the program (`key=value`).
    #[arg(value_name = "KEY=VALUE")]
    env: Vec<String>,
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
    build_kernel(ctx, false)
}

/// Builds the kernel; `quiet`: progress and cargo's output on stderr only
/// (so that a headless program's stdout is its own).
fn build_kernel(ctx: &Ctx, quiet: bool) -> Result<PathBuf> {
    progress(quiet, "building the kernel");
    let target = kernel_target_dir(ctx);
    let mut cmd = util::cargo();
    cmd.current_dir(&ctx.root)
        .args(["build", "--release", "--manifest-path"])
        .arg(kernel_manifest(ctx))
        .arg("--target-dir")
        .arg(&target)
        .env_remove("RUSTFLAGS")
        .env("CARGO_ENCODED_RUSTFLAGS", KERNEL_RUSTFLAGS);
    run_maybe_quiet(&mut cmd, quiet)?;
    let image = target.join("release").join("phantom-kernel");
    if !image.is_file() {
        bail!("cargo succeeded but {} is missing", image.display());
    }
    Ok(image)
}

/// Builds `phantom-bootdisk` (the host tool that compiles programs into
/// the boot class archive and writes the disk) and returns its path.
fn build_bootdisk(ctx: &Ctx, quiet: bool) -> Result<PathBuf> {
    progress(quiet, "building phantom-bootdisk");
    let mut cmd = util::cargo();
    cmd.current_dir(&ctx.root)
        .args(["build", "-p", "phantom-bootdisk", "--target-dir"])
        .arg(&ctx.target_dir);
    run_maybe_quiet(&mut cmd, quiet)?;
    let tool = ctx.target_dir.join("debug").join("phantom-bootdisk");
    if !tool.is_file() {
        bail!("cargo succeeded but {} is missing", tool.display());
    }
    Ok(tool)
}

/// A progress line: on stdout as usual, or on stderr when stdout belongs to
/// the program.
fn progress(quiet: bool, msg: &str) {
    if quiet {
        eprintln!("\x1b[1m==> {msg}\x1b[0m");
    } else {
        step(msg);
    }
}

fn run_maybe_quiet(cmd: &mut Command, quiet: bool) -> Result<()> {
    if !quiet {
        return util::run(cmd);
    }
    cmd.arg("-q").stdout(std::io::stderr());
    let status = cmd
        .status()
        .with_context(|| format!("starting {}", util::describe(cmd)))?;
    if !status.success() {
        bail!("`{}` failed with {status}", util::describe(cmd));
    }
    Ok(())
}

/// Makes a boot disk at `disk` holding `programs` (each a `.ph` file or a
/// library class name), with `phantom-bootdisk`'s `options`, and returns
/// its boot list.
fn make_disk(
    tool: &Path,
    disk: &Path,
    options: &[&str],
    programs: &[String],
) -> Result<Vec<String>> {
    if let Some(dir) = disk.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut cmd = Command::new(tool);
    cmd.arg("-o").arg(disk).args(options).args(programs);
    let out = cmd
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("starting {}", tool.display()))?;
    if !out.status.success() {
        bail!(
            "could not make the boot disk {} ({})",
            disk.display(),
            out.status
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(String::from)
        .collect())
}

/// Checks the kernel's formatting and runs clippy on it with the same
/// flags as its build (it is a workspace of its own, outside `cargo fmt
/// --all` and `cargo clippy --workspace`).
pub fn clippy(ctx: &Ctx) -> Result<()> {
    util::run(
        util::cargo()
            .current_dir(&ctx.root)
            .args(["fmt", "--manifest-path"])
            .arg(kernel_manifest(ctx))
            .args(["--", "--check"]),
    )?;
    let mut cmd = util::cargo();
    cmd.current_dir(&ctx.root)
        .args(["clippy", "--release", "--manifest-path"])
        .arg(kernel_manifest(ctx))
        .arg("--target-dir")
        .arg(kernel_target_dir(ctx))
        .args(["--", "-D", "warnings"])
        .env_remove("RUSTFLAGS")
        .env("CARGO_ENCODED_RUSTFLAGS", KERNEL_RUSTFLAGS);
    util::run(&mut cmd)
}

/// The kernel's manifest: a workspace of its own (see its Cargo.toml).
fn kernel_manifest(ctx: &Ctx) -> PathBuf {
    ctx.root.join("os").join("kernel").join("Cargo.toml")
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
    qemu_command_mem(image, disk, cmdline, "256M")
}

fn qemu_command_mem(image: &Path, disk: &Path, cmdline: &str, mem: &str) -> Command {
    let mut cmd = Command::new("qemu-system-x86_64");
    cmd.arg("-kernel")
        .arg(image)
        .args(["-append", cmdline.trim()])
        .args(["-m", mem, "-no-reboot"])
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

/// Guest memory for programs (the object memory is demand-paged inside it).
const PROGRAM_MEMORY: &str = "512M";
/// QEMU's exit statuses for the kernel's program exit codes (`arch/cpu.rs`).
const QEMU_PROGRAMS_ENDED: i32 = 65;
const QEMU_PROGRAM_FAILED: i32 = 67;
const QEMU_PROGRAM_NOT_STARTED: i32 = 69;
/// The program was stopped with Ctrl-C (after a last snapshot).
pub const QEMU_PROGRAM_STOPPED: i32 = 71;
/// QEMU's exit status when the kernel panicked or took a fatal exception.
const QEMU_KERNEL_FAILURE: i32 = 35;

/// `cargo xtask qemu`: with a program or a disk, boots it and returns the
/// program's exit status (0 ended normally, 1 uncaught exception, 2 could
/// not start); without, the interactive debug console.
pub fn qemu(ctx: &Ctx, args: &QemuArgs) -> Result<u8> {
    if args.program.is_some() || args.disk.is_some() {
        return qemu_program(ctx, args);
    }
    qemu_console(ctx, args).map(|()| 0)
}

/// The disk a program runs on when `--disk` names none: `NAME.disk` in the
/// current directory, after the source file's stem or the class name.
fn default_disk(program: &str) -> PathBuf {
    let stem = if program.ends_with(".ph") {
        Path::new(program)
            .file_stem()
            .map_or_else(|| "phantom".into(), |s| s.to_string_lossy().into_owned())
    } else {
        program.trim_start_matches('.').to_string()
    };
    PathBuf::from(format!("{stem}.disk"))
}

fn qemu_program(ctx: &Ctx, args: &QemuArgs) -> Result<u8> {
    for e in &args.env {
        if !e.contains('=') || e.starts_with('=') {
            bail!("{e:?}: after the program only KEY=VALUE kernel environment entries may follow");
        }
    }
    if !util::on_path("qemu-system-x86_64") {
        ensure_qemu()?;
    }
    let image = build_kernel(ctx, true)?;
    let disk = match (&args.disk, &args.program) {
        (Some(d), None) => {
            if !d.is_file() {
                bail!(
                    "{}: no such disk; give a program to make it (cargo xtask qemu --disk {} PROGRAM.ph)",
                    d.display(),
                    d.display()
                );
            }
            d.clone()
        }
        (d, Some(p)) => {
            let disk = d.clone().unwrap_or_else(|| default_disk(p));
            let tool = build_bootdisk(ctx, true)?;
            progress(true, &format!("making the boot disk {}", disk.display()));
            // An existing disk keeps its object store: a program running
            // in it goes on, with the classes compiled now.
            make_disk(&tool, &disk, &["--update"], std::slice::from_ref(p))?;
            disk
        }
        (None, None) => unreachable!("qemu() sends only runs with a program or a disk here"),
    };
    let mut cmdline = String::new();
    if !args.verbose {
        cmdline.push_str("quiet log=warn ");
    }
    if let Some(secs) = args.snapshot_interval {
        if !(0.0..=86_400.0).contains(&secs) {
            bail!("--snapshot-interval {secs}: give the seconds between snapshots, 0 to 86400");
        }
        cmdline.push_str(&format!("snapshot={secs} "));
    }
    cmdline.push_str(&args.append);
    for e in &args.env {
        cmdline.push(' ');
        cmdline.push_str(e);
    }
    let mut cmd = qemu_command_mem(&image, &disk, &cmdline, PROGRAM_MEMORY);
    // signal=off: Ctrl-C on the terminal goes to the kernel, which stops
    // the program after a last snapshot (QEMU would just die of SIGINT).
    if args.gui {
        cmd.args([
            "-chardev",
            "stdio,id=con,signal=off",
            "-serial",
            "chardev:con",
        ]);
    } else if args.headless {
        // COM2 is the program's standard error (append=on: QEMU must not
        // truncate a file that stderr is redirected to).
        cmd.args(["-display", "none", "-monitor", "none"]).args([
            "-chardev",
            "stdio,id=con,signal=off",
            "-serial",
            "chardev:con",
            "-chardev",
            "file,id=err,path=/dev/stderr,append=on",
            "-serial",
            "chardev:err",
        ]);
    } else {
        cmd.args(["-display", "none"]).args([
            "-chardev",
            "stdio,id=con,mux=on,signal=off",
            "-serial",
            "chardev:con",
            "-mon",
            "chardev=con",
        ]);
    }
    if args.gdb {
        cmd.args(["-s", "-S"]);
    }
    if args.trace_int {
        cmd.args(["-d", "int,cpu_reset", "-D", "qemu-int.log"]);
    }
    progress(true, "booting in QEMU");
    eprintln!("$ {}", util::describe(&cmd));
    if !args.headless && !args.gui {
        eprintln!("(program console on this terminal; Ctrl-C stops the program after a last snapshot, Ctrl-A X quits QEMU at once)");
    }
    let status = if args.headless {
        // The serial lines end lines with CR LF; stdout and stderr get
        // plain LF. QEMU's stderr (COM2 writes to /dev/stderr) is a pipe
        // read here.
        let (mut err_from, err_to) = std::io::pipe().context("making a pipe")?;
        cmd.stdout(Stdio::piped()).stderr(err_to);
        let mut child = cmd.spawn().context("starting qemu-system-x86_64")?;
        // The child has its copy of the pipe's write end; ours is closed.
        drop(cmd);
        let errs = std::thread::spawn(move || {
            let _ = copy_without_cr(&mut err_from, &mut std::io::stderr().lock());
        });
        let mut from = child.stdout.take().context("QEMU's stdout")?;
        let copied = copy_without_cr(&mut from, &mut std::io::stdout().lock());
        if copied.is_ok() {
            let _ = errs.join();
        }
        if let Err(e) = copied {
            // Nobody reads the output any more (`| head`): stop the machine.
            let _ = child.kill();
            let _ = child.wait();
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(0);
            }
            bail!("copying the program's output: {e}");
        }
        child.wait().context("waiting for QEMU")?
    } else {
        cmd.status().context("starting qemu-system-x86_64")?
    };
    program_status(status)
}

/// Copies `from` to `to`, turning CR LF into LF (a lone CR stays).
fn copy_without_cr(from: &mut impl Read, to: &mut impl Write) -> std::io::Result<()> {
    let mut buf = [0u8; 4096];
    let mut held_cr = false;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let mut out = Vec::with_capacity(n + 1);
        for &b in &buf[..n] {
            if held_cr && b != b'\n' {
                out.push(b'\r');
            }
            held_cr = b == b'\r';
            if !held_cr {
                out.push(b);
            }
        }
        to.write_all(&out)?;
        to.flush()?;
    }
    if held_cr {
        to.write_all(b"\r")?;
    }
    to.flush()
}

/// Makes a disk at `disk` holding several programs and no object store
/// (each program starts afresh); returns its boot list.
pub fn make_programs_disk(ctx: &Ctx, disk: &Path, programs: &[String]) -> Result<Vec<String>> {
    let tool = build_bootdisk(ctx, false)?;
    step(&format!(
        "compiling {} programs into {}",
        programs.len(),
        disk.display()
    ));
    let boot = make_disk(&tool, disk, &["--store-size", "0"], programs)?;
    if boot.len() != programs.len() {
        bail!(
            "the disk's boot list has {} entries for {} programs",
            boot.len(),
            programs.len()
        );
    }
    Ok(boot)
}

/// The programs' standard output and status in a `marks` boot's output.
pub fn marked_runs(bytes: &[u8]) -> Vec<(Vec<u8>, Option<u8>)> {
    parse_marks(bytes)
        .0
        .into_iter()
        .map(|r| (r.stdout, r.status))
        .collect()
}

/// Makes a new disk at `disk` (replacing any) holding `program` and an
/// empty object store of `store_mib` MiB.
pub fn make_fresh_disk(ctx: &Ctx, disk: &Path, program: &str, store_mib: u32) -> Result<()> {
    let tool = build_bootdisk(ctx, false)?;
    let size = store_mib.to_string();
    make_disk(
        &tool,
        disk,
        &["--store-size", &size],
        &[program.to_string()],
    )?;
    Ok(())
}

/// The QEMU command that boots `disk` for programs (display and serial
/// options are the caller's).
pub fn program_qemu(image: &Path, disk: &Path, cmdline: &str) -> Command {
    qemu_command_mem(image, disk, cmdline, PROGRAM_MEMORY)
}

/// The program's exit status from QEMU's, or why there is none.
fn program_status(status: std::process::ExitStatus) -> Result<u8> {
    use std::os::unix::process::ExitStatusExt;
    match status.code() {
        Some(QEMU_PROGRAMS_ENDED) | Some(QEMU_SUCCESS) => Ok(0),
        Some(QEMU_PROGRAM_FAILED) => Ok(1),
        Some(QEMU_PROGRAM_NOT_STARTED) => Ok(2),
        // As `phantom run` stopped by SIGINT: 128 + 2.
        Some(QEMU_PROGRAM_STOPPED) => Ok(130),
        Some(QEMU_KERNEL_FAILURE) => {
            bail!("the kernel panicked (QEMU exit status 35); its registers and backtrace are printed above")
        }
        Some(0) => bail!(
            "QEMU ended without the kernel's exit code: the machine reset (a triple fault; \
             `cargo xtask qemu --trace-int` logs it) or QEMU was quit (Ctrl-A X)"
        ),
        Some(c) => bail!("QEMU failed with exit status {c}"),
        None => bail!(
            "QEMU was killed by signal {}",
            status
                .signal()
                .map_or_else(|| "?".into(), |s| s.to_string())
        ),
    }
}

/// `cargo xtask qemu` without a program: the debug console on stdio.
fn qemu_console(ctx: &Ctx, args: &QemuArgs) -> Result<()> {
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

/// Options of `cargo xtask test-programs`.
#[derive(Args)]
pub struct ProgramTestArgs {
    /// Give up (and fail) after this many seconds.
    #[arg(long, default_value_t = 300)]
    timeout: u64,
    /// Only the programs whose file name contains this text.
    #[arg(long)]
    filter: Option<String>,
}

impl ProgramTestArgs {
    /// The options CI uses.
    pub fn ci_default() -> Self {
        Self {
            timeout: 300,
            filter: None,
        }
    }
}

/// Programs of `testsuite/run` the kernel cannot run yet, and the text of
/// the exception they must end with instead (naming what is missing).
const NOT_IN_KERNEL: &[(&str, &str)] = &[
    ("native_closure_net.ph", "networking is not available"),
    ("native_curl.ph", "networking is not available"),
    ("native_io_files.ph", "files are not available"),
    ("native_stat.ph", "networking is not available"),
    ("native_tcp_echo.ph", "networking is not available"),
    ("native_udp.ph", "networking is not available"),
];

/// One program's run, cut out of the kernel's framed output.
#[derive(Debug, Default, PartialEq, Eq)]
struct MarkedRun {
    /// The boot word (`PROGRAM:.class`).
    word: String,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    /// 0 ended normally, 1 uncaught exception, 2 could not start; None if
    /// the output stopped before the program's end mark.
    status: Option<u8>,
}

/// Splits the serial output of a `marks` boot (`runtime/host.rs`:
/// `\x01B<word>\x01` begins a program, `\x01E<bytes>\x01` is standard
/// error, `\x01X<status>\x01` ends it) into runs, CR LF turned into LF;
/// the bytes outside every run (the kernel's own lines) are returned too.
fn parse_marks(bytes: &[u8]) -> (Vec<MarkedRun>, Vec<u8>) {
    let mut runs: Vec<MarkedRun> = Vec::new();
    let mut outside = Vec::new();
    let mut open = false;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x01 && i + 1 < bytes.len() {
            let tag = bytes[i + 1];
            let end = bytes[i + 2..]
                .iter()
                .position(|&b| b == 0x01)
                .map_or(bytes.len(), |p| i + 2 + p);
            let payload = &bytes[i + 2..end];
            match tag {
                b'B' => {
                    runs.push(MarkedRun {
                        word: String::from_utf8_lossy(payload).into_owned(),
                        ..MarkedRun::default()
                    });
                    open = true;
                }
                b'E' if open => runs.last_mut().map_or((), |r| r.stderr.extend(payload)),
                b'X' if open => {
                    if let Some(r) = runs.last_mut() {
                        r.status = payload.first().map(|b| b.wrapping_sub(b'0'));
                    }
                    open = false;
                }
                _ => outside.extend(&bytes[i..end.min(bytes.len() - 1) + 1]),
            }
            i = end + 1;
            continue;
        }
        match (open, runs.last_mut()) {
            (true, Some(r)) => r.stdout.push(bytes[i]),
            _ => outside.push(bytes[i]),
        }
        i += 1;
    }
    for r in &mut runs {
        r.stdout = crlf_to_lf(&r.stdout);
        r.stderr = crlf_to_lf(&r.stderr);
    }
    (runs, crlf_to_lf(&outside))
}

fn crlf_to_lf(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    copy_without_cr(&mut &b[..], &mut out).expect("copying between byte vectors cannot fail");
    out
}

/// Measured times of `cargo xtask test-programs`.
pub struct ProgramTestReport {
    /// Programs run and checked.
    pub programs: usize,
    /// From starting QEMU to the first program's first output.
    pub first_output: Duration,
    /// From starting QEMU to its exit.
    pub total: Duration,
}

/// `cargo xtask test-programs`: the programs of `testsuite/run` that need
/// neither network nor graphics, on one disk, in one boot; each one's
/// output must equal its `.out` file (and its exit status and standard
/// error match, as `os/phantom/tests/run.rs` checks them hosted).
pub fn test_programs(ctx: &Ctx, args: &ProgramTestArgs) -> Result<ProgramTestReport> {
    ensure_qemu()?;
    let suite = ctx.root.join("testsuite").join("run");
    let mut programs: Vec<PathBuf> = std::fs::read_dir(&suite)
        .with_context(|| format!("reading {}", suite.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ph"))
        .collect();
    programs.sort();
    for (name, _) in NOT_IN_KERNEL {
        if !programs
            .iter()
            .any(|p| p.file_name().is_some_and(|n| n == *name))
        {
            bail!(
                "NOT_IN_KERNEL names {name}, which is not in {}",
                suite.display()
            );
        }
    }
    programs.retain(|p| {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        args.filter
            .as_ref()
            .is_none_or(|f| name.contains(f.as_str()))
    });
    if programs.is_empty() {
        bail!("no program of {} is selected", suite.display());
    }
    let image = build(ctx)?;
    let disk = kernel_target_dir(ctx).join("programs.disk");
    let words: Vec<String> = programs.iter().map(|p| p.display().to_string()).collect();
    let boot = make_programs_disk(ctx, &disk, &words)?;
    let mut cmd = qemu_command_mem(&image, &disk, "quiet log=warn marks", PROGRAM_MEMORY);
    cmd.args(["-display", "none", "-serial", "stdio", "-monitor", "none"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped());
    step(&format!(
        "booting {} programs in QEMU (time limit {} s)",
        programs.len(),
        args.timeout
    ));
    println!("$ {}", util::describe(&cmd));
    let start = Instant::now();
    let mut child = cmd.spawn().context("starting qemu-system-x86_64")?;
    let mut stdout = child.stdout.take().context("QEMU's stdout")?;
    let (tx, rx) = mpsc::channel::<(Instant, Vec<u8>)>();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        loop {
            match stdout.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                        break;
                    }
                }
            }
        }
    });
    let deadline = start + Duration::from_secs(args.timeout);
    let mut bytes = Vec::new();
    let mut first_output = None;
    let mut take = |bytes: &mut Vec<u8>, (at, chunk): (Instant, Vec<u8>)| {
        bytes.extend(chunk);
        if first_output.is_none() {
            // The first byte after the first begin mark's end.
            let begun = bytes.windows(2).position(|w| w == b"\x01B").and_then(|p| {
                bytes[p + 2..]
                    .iter()
                    .position(|&b| b == 0x01)
                    .map(|q| p + 3 + q)
            });
            if begun.is_some_and(|b| bytes.len() > b && bytes[b] != 0x01) {
                first_output = Some(at - start);
            }
        }
    };
    let status = loop {
        while let Ok(c) = rx.try_recv() {
            take(&mut bytes, c);
        }
        if let Some(status) = child.try_wait().context("waiting for QEMU")? {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let total = start.elapsed();
    let _ = reader.join();
    while let Ok(c) = rx.try_recv() {
        take(&mut bytes, c);
    }
    let (runs, outside) = parse_marks(&bytes);
    let outside = String::from_utf8_lossy(&outside);
    if !outside.trim().is_empty() {
        println!(
            "kernel output outside the programs:\n{}",
            outside.trim_end()
        );
    }
    let mut failures = Vec::new();
    for (i, p) in programs.iter().enumerate() {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(run) = runs.get(i).filter(|r| r.word == boot[i]) else {
            failures.push(format!(
                "{name}: did not run (the kernel stopped before it)"
            ));
            continue;
        };
        let missing = NOT_IN_KERNEL.iter().find(|(n, _)| *n == name).map(|m| m.1);
        let verdict = match missing {
            Some(text) => check_missing(run, text),
            None => check_run(p, run)?,
        };
        if let Some(f) = verdict {
            failures.push(format!("{name}: {f}"));
        }
    }
    match status {
        None => failures.push(format!("QEMU did not finish within {} s", args.timeout)),
        Some(s) if !matches!(s.code(), Some(QEMU_PROGRAMS_ENDED | QEMU_PROGRAM_FAILED)) => {
            failures.push(format!("QEMU exited with {s}, not a program exit code"));
        }
        Some(_) => {}
    }
    println!(
        "{} programs in {:.1} s; {} of them need what the kernel lacks and must say so: {}",
        programs.len(),
        total.as_secs_f64(),
        NOT_IN_KERNEL.len(),
        NOT_IN_KERNEL
            .iter()
            .map(|(n, why)| format!("{n} ({why})"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if !failures.is_empty() {
        bail!(
            "{} of {} programs failed in the kernel:\n\n{}",
            failures.len(),
            programs.len(),
            failures.join("\n\n")
        );
    }
    let first_output = first_output.context("no program printed anything")?;
    println!(
        "all {} programs passed (their expected output, or the missing service named); first program output {:.2} s after QEMU started",
        programs.len(),
        first_output.as_secs_f64()
    );
    if args.filter.is_none() {
        test_input(ctx, &image)?;
    }
    Ok(ProgramTestReport {
        programs: programs.len(),
        first_output,
        total,
    })
}

/// The console input program and what typing two lines at it must show:
/// the kernel echoes what is typed, the program answers each line.
const INPUT_PROGRAM: &str = "testsuite/kernel/read_lines.ph";
const INPUT_EXPECTED: &str = "ready\nhello kernel\ngot [hello kernel]\nx\ngot [x]\n";

/// Boots `testsuite/kernel/read_lines.ph` and types two lines on the serial
/// line once it is ready (a backspace in the second): console input
/// reaches `getwc` with the kernel's echo and line editing.
fn test_input(ctx: &Ctx, image: &Path) -> Result<()> {
    use std::io::Write as _;
    let disk = kernel_target_dir(ctx).join("input.disk");
    let program = ctx.root.join(INPUT_PROGRAM).display().to_string();
    make_programs_disk(ctx, &disk, &[program])?;
    let mut cmd = qemu_command_mem(image, &disk, "quiet log=warn", PROGRAM_MEMORY);
    cmd.args(["-display", "none", "-serial", "stdio", "-monitor", "none"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped());
    step("typing two lines at testsuite/kernel/read_lines.ph in QEMU");
    let mut child = cmd.spawn().context("starting qemu-system-x86_64")?;
    let mut stdin = child.stdin.take().context("QEMU's stdin")?;
    let mut stdout = child.stdout.take().context("QEMU's stdout")?;
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 1024];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut out = Vec::new();
    let mut typed = false;
    let status = loop {
        while let Ok(c) = rx.try_recv() {
            out.extend(c);
        }
        if !typed && out.windows(5).any(|w| w == b"ready") {
            stdin
                .write_all(b"hello kernel\ryy\x7f\x7fx\r")
                .and_then(|()| stdin.flush())
                .context("typing at QEMU")?;
            typed = true;
        }
        if let Some(s) = child.try_wait().context("waiting for QEMU")? {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            bail!(
                "the input program did not end within 60 s; output:\n{}",
                String::from_utf8_lossy(&out)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let _ = reader.join();
    while let Ok(c) = rx.try_recv() {
        out.extend(c);
    }
    let got = String::from_utf8_lossy(&crlf_to_lf(&out)).into_owned();
    let shown = as_screen(&got);
    if status.code() != Some(QEMU_PROGRAMS_ENDED) || shown != INPUT_EXPECTED {
        bail!("console input: QEMU {status}; expected\n{INPUT_EXPECTED:?}\ngot\n{got:?}");
    }
    println!("console input reached the program: {shown:?}");
    Ok(())
}

/// What a terminal shows for `text`: a backspace moves the cursor left and
/// the next character overwrites (the kernel erases with "\x08 \x08");
/// trailing blanks of a line are dropped.
fn as_screen(text: &str) -> String {
    let mut out = String::new();
    let mut line: Vec<char> = Vec::new();
    let mut cur: usize = 0;
    let flush = |line: &mut Vec<char>, out: &mut String| {
        out.push_str(line.iter().collect::<String>().trim_end());
        line.clear();
    };
    for c in text.chars() {
        match c {
            '\n' => {
                flush(&mut line, &mut out);
                out.push('\n');
                cur = 0;
            }
            '\x08' => cur = cur.saturating_sub(1),
            c => {
                if cur < line.len() {
                    line[cur] = c;
                } else {
                    line.push(c);
                }
                cur += 1;
            }
        }
    }
    flush(&mut line, &mut out);
    out
}

/// Checks that a program the kernel cannot run yet ended with an uncaught
/// exception whose text is `text`; the failure, if any.
fn check_missing(run: &MarkedRun, text: &str) -> Option<String> {
    let stderr = String::from_utf8_lossy(&run.stderr);
    (run.status != Some(1) || !stderr.contains(text)).then(|| {
        format!(
            "needs what the kernel lacks, so it must end with an uncaught exception saying {text:?}; got status {:?} and\n{stderr}",
            run.status
        )
    })
}

/// Checks one program's run against its `.out` (and `.err`) file; the
/// failure, if any.
fn check_run(program: &Path, run: &MarkedRun) -> Result<Option<String>> {
    let out_file = program.with_extension("out");
    let expected =
        std::fs::read(&out_file).with_context(|| format!("reading {}", out_file.display()))?;
    let err_expected = std::fs::read_to_string(program.with_extension("err")).ok();
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    if run.stdout != expected {
        return Ok(Some(format!(
            "stdout differs\n--- expected\n{}\n--- got\n{stdout}\n--- stderr\n{stderr}",
            String::from_utf8_lossy(&expected)
        )));
    }
    Ok(match (&err_expected, run.status) {
        (_, None) => Some("no end mark: the kernel stopped inside the program".into()),
        (Some(e), Some(1)) if stderr.contains(e.trim_end()) => None,
        (Some(e), s) => Some(format!(
            "expected status 1 and stderr containing {e:?}; got {s:?} and\n{stderr}"
        )),
        (None, Some(0)) => None,
        (None, Some(s)) => Some(format!("status {s}\n{stderr}")),
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
    use super::{as_screen, copy_without_cr, parse_marks, parse_summary, MarkedRun};

    #[test]
    fn qemu_statuses_become_program_statuses() {
        use std::os::unix::process::ExitStatusExt;
        use std::process::ExitStatus;
        let code = |c: i32| super::program_status(ExitStatus::from_raw(c << 8));
        assert_eq!(code(65).unwrap(), 0);
        assert_eq!(code(67).unwrap(), 1);
        assert_eq!(code(69).unwrap(), 2);
        assert_eq!(code(71).unwrap(), 130);
        assert_eq!(code(33).unwrap(), 0);
        assert!(code(35).unwrap_err().to_string().contains("panicked"));
        assert!(code(0).unwrap_err().to_string().contains("reset"));
        let killed = super::program_status(ExitStatus::from_raw(9));
        assert!(killed.unwrap_err().to_string().contains("signal 9"));
    }

    #[test]
    fn backspaces_erase_on_the_screen() {
        assert_eq!(
            as_screen("ab\x08 \x08c\nyy\x08 \x08\x08 \x08x\n"),
            "ac\nx\n"
        );
    }

    #[test]
    fn marks_split_programs_and_streams() {
        let serial = b"boot line\r\n\x01Ba:.t\x01hi\r\n\x01Eboom\r\n\x01\x01X1\x01\x01Bb:.t\x01\x01X0\x01\x01Bc:.t\x01cut";
        let (runs, outside) = parse_marks(serial);
        assert_eq!(outside, b"boot line\n");
        assert_eq!(
            runs,
            [
                MarkedRun {
                    word: "a:.t".into(),
                    stdout: b"hi\n".to_vec(),
                    stderr: b"boom\n".to_vec(),
                    status: Some(1)
                },
                MarkedRun {
                    word: "b:.t".into(),
                    status: Some(0),
                    ..MarkedRun::default()
                },
                MarkedRun {
                    word: "c:.t".into(),
                    stdout: b"cut".to_vec(),
                    ..MarkedRun::default()
                },
            ]
        );
    }

    #[test]
    fn crlf_becomes_lf_and_lone_cr_stays() {
        let mut out = Vec::new();
        copy_without_cr(&mut &b"a\r\nb\rc\r"[..], &mut out).unwrap();
        assert_eq!(out, b"a\nb\rc\r");
    }

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
