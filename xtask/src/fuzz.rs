//! `cargo xtask fuzz [TARGET]`: runs a cargo-fuzz target for a fixed time:
//! by default the one over the compiler front end
//! (`fuzz/fuzz_targets/frontend.rs`); `lsp` is the language server's
//! (`fuzz/fuzz_targets/lsp.rs`); `vm-load`, `vm-run` and `vm-mutate`
//! are the VM's (`os/vm/fuzz`; their corpora are seeded with class files
//! compiled from `testsuite/compile` and `stdlib-ph`).
//!
//! Needs the nightly toolchain and cargo-fuzz (installed with `cargo install
//! cargo-fuzz` when missing). The corpus in `fuzz/corpus/<target>` (not in
//! git) is seeded with every `.ph` file of `testsuite/compile`,
//! `testsuite/errors`, `stdlib-ph` and `fuzz/seeds/<target>` (inputs that
//! once failed). Not part of `cargo xtask ci`: CI runs on stable only. See
//! `docs/fuzzing.md`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use clap::Args;

use crate::util::{self, step};
use crate::Ctx;

/// Which fuzz target to run.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Target {
    /// The compiler front end (`fuzz/`).
    Frontend,
    /// The language server's core: sources opened, queried everywhere,
    /// edited and deleted (`fuzz/`).
    Lsp,
    /// VM: arbitrary bytes as a class file (`os/vm/fuzz`, target `load`).
    VmLoad,
    /// VM: generated programs loaded and run (`os/vm/fuzz`, target `run`).
    VmRun,
    /// VM: compiled test classes under a record-aware mutator, loaded and
    /// run (`os/vm/fuzz`, target `mutate`).
    VmMutate,
    /// VM and JIT, differential: the `vm-run` programs interpreted and
    /// compiled must print, throw and allocate the same (`os/vm/fuzz`,
    /// target `jit`).
    VmJit,
}

impl Target {
    /// The cargo-fuzz target name (in `fuzz/` or `os/vm/fuzz`).
    fn name(self) -> &'static str {
        match self {
            Target::Frontend => "frontend",
            Target::Lsp => "lsp",
            Target::VmLoad => "load",
            Target::VmRun => "run",
            Target::VmMutate => "mutate",
            Target::VmJit => "jit",
        }
    }
}

/// Options of `cargo xtask fuzz`.
#[derive(Args)]
pub struct FuzzArgs {
    /// The target to fuzz.
    #[arg(value_enum, default_value = "frontend")]
    target: Target,
    /// How long to fuzz, in seconds.
    #[arg(long, default_value_t = 600)]
    seconds: u64,
    /// libFuzzer's per-input time limit, in seconds (a slower input is a
    /// failure); 10 for the front end, 60 for the VM targets (whose inputs
    /// run up to 100 time slices under AddressSanitizer).
    #[arg(long)]
    timeout: Option<u64>,
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
fn seed(root: &Path, corpus: &Path, target: &str) -> Result<usize> {
    std::fs::create_dir_all(corpus).with_context(|| format!("creating {}", corpus.display()))?;
    let mut seeds: Vec<(String, PathBuf)> = Vec::new();
    for dir in ["testsuite/compile", "testsuite/errors"] {
        let tag = dir.rsplit('/').next().unwrap_or(dir);
        for p in ph_files(&root.join(dir))? {
            seeds.push((format!("{tag}-{}", file_name(&p)), p));
        }
    }
    // Inputs that once failed (see docs/fuzzing.md).
    let regressions = root.join("fuzz/seeds").join(target);
    let regressions = if regressions.is_dir() {
        ph_files(&regressions)?
    } else {
        Vec::new()
    };
    for p in regressions {
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
    if !matches!(args.target, Target::Frontend | Target::Lsp) {
        return run_vm(ctx, args);
    }
    let target = args.target.name();
    let timeout = args.timeout.unwrap_or(10);
    let corpus = ctx.root.join("fuzz/corpus").join(target);
    let n = seed(&ctx.root, &corpus, target)?;
    step(&format!(
        "fuzzing `{target}` for {} s ({n} seed programs in {})",
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
    cmd.arg(&target_dir).args([target, "--"]).args([
        format!("-max_total_time={}", args.seconds),
        format!("-timeout={timeout}"),
        "-dict=fuzz/phantom.dict".to_string(),
        "-print_final_stats=1".to_string(),
    ]);
    cmd.args(&args.extra);
    util::run(&mut cmd).with_context(|| {
        format!("the fuzzer failed; the input that failed is in fuzz/artifacts/{target}/")
    })
}

/// Compiles `files` with `plc` into `out` (a fresh directory).
fn plc_compile(ctx: &Ctx, include: Option<&Path>, out: &Path, files: &[PathBuf]) -> Result<()> {
    let mut cmd = util::cargo();
    cmd.current_dir(&ctx.root)
        .env("CARGO_TARGET_DIR", &ctx.target_dir)
        .args(["run", "-q", "-p", "plc", "--", "compile", "-o"])
        .arg(out);
    if let Some(dir) = include {
        cmd.arg("-I").arg(dir);
    }
    cmd.args(files);
    util::run(&mut cmd)
}

/// Compiles `stdlib-ph` into `<dir>/stdlib` and every program of
/// `testsuite/compile` (each with the library on its class path) into
/// `<dir>/suite`.
fn compile_classes(ctx: &Ctx, dir: &Path) -> Result<(PathBuf, PathBuf)> {
    let (lib, suite) = (dir.join("stdlib"), dir.join("suite"));
    for d in [&lib, &suite] {
        let _ = std::fs::remove_dir_all(d);
        std::fs::create_dir_all(d).with_context(|| format!("creating {}", d.display()))?;
    }
    let mut lib_files = Vec::new();
    let mut stack = vec![ctx.root.join("stdlib-ph")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).with_context(|| format!("reading {}", d.display()))? {
            let p = e?.path();
            if p.is_dir() {
                stack.push(p);
            }
        }
        lib_files.extend(ph_files(&d)?);
    }
    step("compiling stdlib-ph and testsuite/compile for the VM fuzz corpora");
    plc_compile(ctx, None, &lib, &lib_files)?;
    for p in ph_files(&ctx.root.join("testsuite/compile"))? {
        plc_compile(ctx, Some(&lib), &suite, &[p])?;
    }
    Ok((lib, suite))
}

/// Copies every `.pc` file of `from` into `to` (existing files stay).
fn copy_classes(from: &Path, to: &Path) -> Result<usize> {
    std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    let mut n = 0;
    for e in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let p = e?.path();
        if p.extension().is_some_and(|x| x == "pc") {
            let dst = to.join(p.file_name().unwrap_or_default());
            if !dst.exists() {
                std::fs::copy(&p, &dst).with_context(|| format!("copying {}", p.display()))?;
            }
            n += 1;
        }
    }
    Ok(n)
}

/// The VM targets (`os/vm/fuzz`): with AddressSanitizer (the object memory
/// is raw cells) and debug assertions (its bounds checks).
fn run_vm(ctx: &Ctx, args: &FuzzArgs) -> Result<()> {
    let name = args.target.name();
    let project = ctx.root.join("os/vm/fuzz");
    let corpus = project.join("corpus").join(name);
    std::fs::create_dir_all(&corpus).with_context(|| format!("creating {}", corpus.display()))?;
    let target_dir = ctx.target_dir.join("vmfuzz");
    let mut cmd = nightly_cargo();
    let generated = matches!(args.target, Target::VmRun | Target::VmJit);
    if !generated {
        let (lib, suite) = compile_classes(ctx, &target_dir.join("classes"))?;
        let n = copy_classes(&suite, &corpus)?;
        step(&format!(
            "{n} compiled classes seeded into {}",
            corpus.display()
        ));
        if args.target == Target::VmMutate {
            // The class path the mutated classes load their parents from.
            let cp = target_dir.join("classes/path");
            copy_classes(&lib, &cp)?;
            copy_classes(&suite, &cp)?;
            cmd.env("PHANTOM_FUZZ_CLASSPATH", &cp);
        }
    }
    step(&format!(
        "fuzzing `{name}` (os/vm/fuzz) for {} s",
        args.seconds
    ));
    cmd.current_dir(&project)
        .args(["fuzz", "run", "--debug-assertions", "--target-dir"])
        .arg(&target_dir)
        .arg(name)
        .arg(&corpus)
        .arg("--")
        .args([
            format!("-max_total_time={}", args.seconds),
            format!("-timeout={}", args.timeout.unwrap_or(60)),
            "-print_final_stats=1".to_string(),
        ]);
    if generated {
        // Inputs are read by a generator: let them be long from the start.
        cmd.args(["-max_len=2048", "-len_control=0"]);
    }
    cmd.args(&args.extra);
    util::run(&mut cmd).with_context(|| {
        format!("the fuzzer failed; the input that failed is in os/vm/fuzz/artifacts/{name}/")
    })
}
