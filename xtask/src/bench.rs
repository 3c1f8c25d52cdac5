//! `cargo xtask bench`: the shared micro-benchmarks on our VM, interpreted
//! (`--jit=off`) and with the JIT (`--jit=on`, the default), next to
//! CPython and Java (`java -Xint` and `java`, when installed), in the same
//! run.
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

#[derive(Clone, Copy)]
struct Timing {
    median: Duration,
    ok: bool,
}

/// One benchmark's times.
struct Row {
    name: &'static str,
    interp: Timing,
    jitted: Timing,
    py: Option<Timing>,
    jint: Option<Timing>,
    jit: Option<Timing>,
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
        let ours = |jit: &'static str| {
            time_runs(
                || {
                    let mut c = Command::new(&phantom);
                    c.arg("run").arg("--no-image").arg(jit).arg(&prog);
                    c
                },
                args.runs,
                expect,
            )
        };
        let interp = ours("--jit=off")?;
        let jitted = ours("--jit=on")?;
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
        rows.push(Row {
            name,
            interp,
            jitted,
            py,
            jint,
            jit,
        });
    }

    println!();
    println!(
        "{:<9} {:>8} {:>8} {:>7} {:>8} {:>7} {:>7} {:>8} {:>7} {:>8} {:>7}",
        "bench",
        "interp",
        "JIT",
        "speedup",
        "CPython",
        "int/Py",
        "JIT/Py",
        "java-Xint",
        "JIT/Xint",
        "java",
        "JIT/java"
    );
    for r in &rows {
        println!(
            "{:<9} {:>8} {:>8} {:>7} {:>8} {:>7} {:>7} {:>8} {:>7} {:>8} {:>7}",
            r.name,
            cell(Some(&r.interp)),
            cell(Some(&r.jitted)),
            ratio(&r.interp, &Some(r.jitted)),
            cell(r.py.as_ref()),
            ratio(&r.interp, &r.py),
            ratio(&r.jitted, &r.py),
            cell(r.jint.as_ref()),
            ratio(&r.jitted, &r.jint),
            cell(r.jit.as_ref()),
            ratio(&r.jitted, &r.jit)
        );
    }
    let geomean = |ours: fn(&Row) -> &Timing| -> Option<f64> {
        let v: Vec<f64> = rows
            .iter()
            .filter(|r| BENCHES[..SHARED].iter().any(|b| b.0 == r.name))
            .filter_map(|r| match &r.py {
                Some(p) if p.ok && ours(r).ok => {
                    Some(ours(r).median.as_secs_f64() / p.median.as_secs_f64())
                }
                _ => None,
            })
            .collect();
        (v.len() == SHARED).then(|| (v.iter().map(|r| r.ln()).sum::<f64>() / SHARED as f64).exp())
    };
    if let (Some(i), Some(j)) = (geomean(|r| &r.interp), geomean(|r| &r.jitted)) {
        println!(
            "\ngeometric mean of the shared seven / CPython: interpreter {i:.2}×, JIT {j:.2}×"
        );
    }
    println!(
        "\ntimes in seconds, whole process, median of {} runs; speedup = interp / JIT; \
         X/Y = time of X / time of Y (below 1: X is faster)",
        args.runs
    );
    if rows.iter().any(|r| !r.interp.ok || !r.jitted.ok) {
        bail!("a benchmark printed a wrong checksum");
    }
    Ok(())
}
