//! `cargo xtask bench`: the shared micro-benchmarks on our VM next to
//! CPython (and Java, when installed), in the same run.
//!
//! Each program prints one checksum; a run whose checksum is wrong is
//! reported as wrong, whatever its time. Times are whole-process wall
//! times, the median of `--runs` runs, like the peer numbers in
//! `benches/peers/README.md`.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::Args;

use crate::util::{on_path, step};
use crate::Ctx;

/// (name, class in Java, expected checksum). The first seven are the
/// shared benchmarks (`../shared/bench/`), whose geometric mean is
/// reported; `strnaive` (no Java peer: Java's `+=` copies, in O(n²))
/// measures the in-place append of an unshared string.
const BENCHES: &[(&str, Option<&str>, &str)] = &[
    ("fib", Some("Fib"), "832040"),
    ("loop", Some("Loop"), "926193"),
    ("sieve", Some("Sieve"), "446799"),
    ("alloc", Some("Alloc"), "499500000"),
    ("strcat", Some("Strcat"), "1000000"),
    ("dict", Some("Dict"), "99900000"),
    ("dispatch", Some("Dispatch"), "15000000"),
    ("strnaive", None, "1000000"),
];

/// How many of [`BENCHES`] are the shared ones.
const SHARED: usize = 7;

/// Options of `cargo xtask bench`.
#[derive(Args)]
pub struct BenchArgs {
    /// Runs of each program (the median is reported).
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Only these benchmarks (by name).
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// Skip the Java peers even if `java` is installed.
    #[arg(long)]
    no_java: bool,
}

struct Timing {
    median: Duration,
    ok: bool,
}

fn time_runs(cmd: impl Fn() -> Command, runs: usize, expect: &str) -> Result<Timing> {
    let mut times = Vec::new();
    let mut ok = true;
    for _ in 0..runs.max(1) {
        let mut c = cmd();
        let t = Instant::now();
        let out = c
            .output()
            .with_context(|| format!("running {}", crate::util::describe(&c)))?;
        times.push(t.elapsed());
        let text = String::from_utf8_lossy(&out.stdout);
        if !out.status.success() || text.trim() != expect {
            ok = false;
            eprintln!(
                "  {} printed {:?} (status {}), expected {expect}\n{}",
                crate::util::describe(&c),
                text.trim(),
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    times.sort();
    Ok(Timing {
        median: times[times.len() / 2],
        ok,
    })
}

fn cell(t: Option<&Timing>) -> String {
    match t {
        None => "—".into(),
        Some(t) if !t.ok => format!("{:.3} WRONG", t.median.as_secs_f64()),
        Some(t) => format!("{:.3}", t.median.as_secs_f64()),
    }
}

fn ratio(ours: &Timing, peer: &Option<Timing>) -> String {
    match peer {
        Some(p) if p.ok && ours.ok => {
            format!("{:.2}×", ours.median.as_secs_f64() / p.median.as_secs_f64())
        }
        _ => "—".into(),
    }
}

/// Runs the benchmarks and prints the table.
pub fn run(ctx: &Ctx, args: &BenchArgs) -> Result<()> {
    step("building phantom (release)");
    let phantom = crate::util::build_phantom_release(ctx)?;
    let peers = ctx.root.join("benches/peers");
    let programs = ctx.root.join("benches/ph");
    let python = on_path("python3");
    let java = !args.no_java && on_path("java") && on_path("javac");
    let classes: PathBuf = ctx.target_dir.join("bench-java");
    if java {
        step("compiling the Java peers");
        std::fs::create_dir_all(&classes)?;
        let mut c = Command::new("javac");
        c.arg("-d").arg(&classes);
        for class in BENCHES.iter().filter_map(|b| b.1) {
            c.arg(peers.join(format!("{class}.java")));
        }
        crate::util::run(&mut c)?;
    }

    let mut rows = Vec::new();
    for &(name, class, expect) in BENCHES {
        if !args.only.is_empty() && !args.only.iter().any(|o| o == name) {
            continue;
        }
        step(name);
        let prog: PathBuf = programs.join(format!("{name}.ph"));
        let ours = time_runs(
            || {
                let mut c = Command::new(&phantom);
                c.arg("run").arg("--no-image").arg(&prog);
                c
            },
            args.runs,
            expect,
        )?;
        let py = if python {
            let script = peers.join(format!("{name}.py"));
            Some(time_runs(
                || {
                    let mut c = Command::new("python3");
                    c.arg(&script);
                    c
                },
                args.runs,
                expect,
            )?)
        } else {
            None
        };
        let java_run = |extra: Option<&str>| -> Result<Option<Timing>> {
            let Some(class) = class.filter(|_| java) else {
                return Ok(None);
            };
            Ok(Some(time_runs(
                || {
                    let mut c = Command::new("java");
                    if let Some(x) = extra {
                        c.arg(x);
                    }
                    c.arg("-cp").arg(&classes).arg(class);
                    c
                },
                args.runs,
                expect,
            )?))
        };
        let jint = java_run(Some("-Xint"))?;
        let jit = java_run(None)?;
        rows.push((name, ours, py, jint, jit));
    }

    println!();
    println!(
        "{:<9} {:>12} {:>12} {:>8} {:>12} {:>8} {:>12} {:>8}",
        "bench", "phantom (s)", "CPython (s)", "ratio", "java -Xint", "ratio", "java JIT", "ratio"
    );
    for (name, ours, py, jint, jit) in &rows {
        println!(
            "{:<9} {:>12} {:>12} {:>8} {:>12} {:>8} {:>12} {:>8}",
            name,
            cell(Some(ours)),
            cell(py.as_ref()),
            ratio(ours, py),
            cell(jint.as_ref()),
            ratio(ours, jint),
            cell(jit.as_ref()),
            ratio(ours, jit)
        );
    }
    let shared: Vec<f64> = rows
        .iter()
        .filter(|r| BENCHES[..SHARED].iter().any(|b| b.0 == r.0))
        .filter_map(|(_, ours, py, _, _)| match py {
            Some(p) if p.ok && ours.ok => Some(ours.median.as_secs_f64() / p.median.as_secs_f64()),
            _ => None,
        })
        .collect();
    if shared.len() == SHARED {
        let geomean = (shared.iter().map(|r| r.ln()).sum::<f64>() / SHARED as f64).exp();
        println!("\ngeometric mean of the shared seven, phantom / CPython: {geomean:.2}×");
    }
    println!(
        "\nratio = phantom time / peer time (below 1 means phantom is faster); median of {} runs",
        args.runs
    );
    if rows.iter().any(|r| !r.1.ok) {
        bail!("a benchmark printed a wrong checksum");
    }
    Ok(())
}
