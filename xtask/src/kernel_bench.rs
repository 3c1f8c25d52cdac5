//! `cargo xtask bench-kernel`: the shared benchmarks of `benches/ph` on the
//! kernel under QEMU (software emulation, TCG), next to the hosted runtime
//! (`phantom run --no-image --jit=off`, the interpreter, and `--jit=on`) in
//! the same run. All benchmarks go on one disk and run in one boot; a
//! benchmark's kernel time is the host's wall time between the kernel's
//! begin and end marks for it (`runtime/host.rs`), so it includes making
//! its VM (about 15 ms of guest time). Each must print its checksum.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::Args;

use crate::kernel;
use crate::util::step;
use crate::Ctx;

/// The shared benchmarks and their checksums (as `xtask/src/bench.rs`).
const BENCHES: &[(&str, &str)] = &[
    ("fib", "832040"),
    ("loop", "926193"),
    ("sieve", "446799"),
    ("alloc", "499500000"),
    ("strcat", "1000000"),
    ("dict", "99900000"),
    ("dispatch", "15000000"),
];

/// Options of `cargo xtask bench-kernel`.
#[derive(Args)]
pub struct KernelBenchArgs {
    /// Give up after this many seconds in QEMU.
    #[arg(long, default_value_t = 900)]
    timeout: u64,
}

/// Runs the benchmarks and prints the table.
pub fn run(ctx: &Ctx, args: &KernelBenchArgs) -> Result<()> {
    kernel::ensure_qemu()?;
    step("building phantom (release)");
    let phantom = crate::util::build_phantom_release(ctx)?;
    let image = kernel::build(ctx)?;
    let disk = ctx.target_dir.join("phantom-kernel").join("bench.disk");
    let files: Vec<String> = BENCHES
        .iter()
        .map(|(n, _)| {
            ctx.root
                .join(format!("benches/ph/{n}.ph"))
                .display()
                .to_string()
        })
        .collect();
    kernel::make_programs_disk(ctx, &disk, &files)?;

    step("hosted: phantom run --no-image, --jit=off and --jit=on");
    let mut hosted = Vec::new();
    for ((name, sum), file) in BENCHES.iter().zip(&files) {
        let mut row = Vec::new();
        for jit in ["off", "on"] {
            let t = Instant::now();
            let out = Command::new(&phantom)
                .args(["run", "--no-image", &format!("--jit={jit}")])
                .arg(file)
                .output()
                .with_context(|| format!("running {}", phantom.display()))?;
            let took = t.elapsed();
            let got = String::from_utf8_lossy(&out.stdout);
            if !out.status.success() || got.trim() != *sum {
                bail!("hosted {name} (--jit={jit}) printed {got:?}, expected {sum}");
            }
            row.push(took);
        }
        hosted.push(row);
    }

    step(&format!(
        "kernel: {} benchmarks in one boot under QEMU TCG",
        BENCHES.len()
    ));
    let mut cmd = kernel::program_qemu(&image, &disk, "quiet log=warn marks");
    cmd.args(["-display", "none", "-serial", "stdio", "-monitor", "none"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd.spawn().context("starting qemu-system-x86_64")?;
    let mut stdout = child.stdout.take().context("QEMU's stdout")?;
    // (arrival time, byte) of every begin/end mark, read as it comes.
    let reader = std::thread::spawn(move || {
        let mut marks: Vec<(Instant, u8)> = Vec::new();
        let mut all = Vec::new();
        let mut buf = [0u8; 4096];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 {
                break;
            }
            let now = Instant::now();
            for w in buf[..n].iter() {
                if all.last() == Some(&0x01) && matches!(w, b'B' | b'X') {
                    marks.push((now, *w));
                }
                all.push(*w);
            }
        }
        (marks, all)
    });
    let deadline = start + Duration::from_secs(args.timeout);
    loop {
        if child.try_wait().context("waiting for QEMU")?.is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            bail!(
                "the benchmarks did not finish in QEMU within {} s",
                args.timeout
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let (marks, all) = reader
        .join()
        .map_err(|_| anyhow::anyhow!("reader thread"))?;
    let runs = kernel::marked_runs(&all);
    let mut kernel_times = Vec::new();
    for (i, (name, sum)) in BENCHES.iter().enumerate() {
        let run = runs
            .get(i)
            .with_context(|| format!("{name} did not run in the kernel"))?;
        let got = String::from_utf8_lossy(&run.0);
        if run.1 != Some(0) || got.trim() != *sum {
            bail!(
                "kernel {name} printed {got:?} (status {:?}), expected {sum}",
                run.1
            );
        }
        let b = marks.get(2 * i).filter(|m| m.1 == b'B');
        let x = marks.get(2 * i + 1).filter(|m| m.1 == b'X');
        match (b, x) {
            (Some(b), Some(x)) => kernel_times.push(x.0 - b.0),
            _ => bail!("the marks of {name} are missing"),
        }
    }
    println!();
    println!("| benchmark | kernel, QEMU TCG, interpreter (s) | hosted --jit=off (s) | hosted --jit=on (s) | kernel / hosted interpreter |");
    println!("|---|---|---|---|---|");
    for (i, (name, _)) in BENCHES.iter().enumerate() {
        let k = kernel_times[i].as_secs_f64();
        let off = hosted[i][0].as_secs_f64();
        let on = hosted[i][1].as_secs_f64();
        println!("| {name} | {k:.3} | {off:.3} | {on:.3} | {:.1}x |", k / off);
    }
    Ok(())
}
