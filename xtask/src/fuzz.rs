//! `cargo xtask fuzz`: runs the cargo-fuzz target over the compiler front
//! end (`fuzz/fuzz_targets/frontend.rs`) for a fixed time.
//!
//! Needs the nightly toolchain and cargo-fuzz (installed with `cargo install
//! cargo-fuzz` when missing). The corpus in `fuzz/corpus/frontend` (not in
//! git) is seeded with every `.ph` file of `testsuite/compile`,
//! `testsuite/errors`, `stdlib-ph` and `fuzz/seeds/frontend` (inputs that
//! once failed). Not part of `cargo xtask ci`: CI runs on stable only. See
//! `docs/fuzzing.md`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use clap::Args;

use crate::util::{self, step};
use crate::Ctx;

/// The fuzz target.
const TARGET: &str = "frontend";

/// Options of `cargo xtask fuzz`.
#[derive(Args)]
pub struct FuzzArgs {
    /// How long to fuzz, in seconds.
    #[arg(long, default_value_t = 600)]
    seconds: u64,
    /// libFuzzer's per-input time limit, in seconds (a slower input is a failure).
    #[arg(long, default_value_t = 10)]
    timeout: u64,
    /// Further libFuzzer options, e.g. `-- -jobs=2` or an artifact file to re-run.
    #[arg(last = true)]
    extra: Vec<String>,
}

/// `cargo +nightly ...` through rustup, whatever toolchain runs xtask.
fn nightly_cargo() -> Command {
    let mut c = Command::new("cargo");
    c.arg("+nightly").env_remove("RUSTUP_TOOLCHAIN");
    c
}

fn has_cargo_fuzz() -> bool {
    nightly_cargo()
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Copies the seed programs into the corpus directory (existing files stay).
fn seed(root: &Path, corpus: &Path) -> Result<usize> {
    std::fs::create_dir_all(corpus).with_context(|| format!("creating {}", corpus.display()))?;
    let mut seeds: Vec<(String, PathBuf)> = Vec::new();
    for dir in ["testsuite/compile", "testsuite/errors"] {
        let tag = dir.rsplit('/').next().unwrap_or(dir);
        for p in ph_files(&root.join(dir))? {
            seeds.push((format!("{tag}-{}", file_name(&p)), p));
        }
    }
    // Inputs that once failed (see docs/fuzzing.md).
    for p in ph_files(&root.join("fuzz/seeds").join(TARGET))? {
        seeds.push((format!("regression-{}", file_name(&p)), p));
    }
    let mut stack = vec![root.join("stdlib-ph")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
            let p = e?.path();
            if p.is_dir() {
                stack.push(p);
            }
        }
        for p in ph_files(&dir)? {
            seeds.push((format!("stdlib-{}", file_name(&p)), p));
        }
    }
    for (name, src) in &seeds {
        let dst = corpus.join(name);
        if !dst.exists() {
            std::fs::copy(src, &dst)
                .with_context(|| format!("copying {} to {}", src.display(), dst.display()))?;
        }
    }
    Ok(seeds.len())
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn ph_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let p = e?.path();
        if p.is_file() && p.extension().is_some_and(|x| x == "ph") {
            v.push(p);
        }
    }
    v.sort();
    Ok(v)
}

/// Seeds the corpus and runs the fuzzer for `args.seconds`.
pub fn run(ctx: &Ctx, args: &FuzzArgs) -> Result<()> {
    if !has_cargo_fuzz() {
        step("installing cargo-fuzz (cargo install cargo-fuzz)");
        util::run(nightly_cargo().args(["install", "cargo-fuzz", "--locked"]))?;
        if !has_cargo_fuzz() {
            bail!("`cargo +nightly fuzz` does not work; is the nightly toolchain installed (`rustup toolchain install nightly`)?");
        }
    }
    let corpus = ctx.root.join("fuzz/corpus").join(TARGET);
    let n = seed(&ctx.root, &corpus)?;
    step(&format!(
        "fuzzing `{TARGET}` for {} s ({n} seed programs in {})",
        args.seconds,
        corpus.display()
    ));
    let target_dir = ctx.target_dir.join("fuzz");
    let mut cmd = nightly_cargo();
    cmd.current_dir(&ctx.root).args([
        "fuzz",
        "run",
        // Our code has no `unsafe`: AddressSanitizer would only slow it down.
        "--sanitizer",
        "none",
        "--target-dir",
    ]);
    cmd.arg(&target_dir).args([TARGET, "--"]).args([
        format!("-max_total_time={}", args.seconds),
        format!("-timeout={}", args.timeout),
        "-dict=fuzz/phantom.dict".to_string(),
        "-print_final_stats=1".to_string(),
    ]);
    cmd.args(&args.extra);
    util::run(&mut cmd)
        .context("the fuzzer failed; the input that failed is in fuzz/artifacts/frontend/")
}
