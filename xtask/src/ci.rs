//! `cargo xtask ci`: the project's full test command, as an ordered list of
//! steps. Add a step by adding an entry to [`STEPS`].

use std::time::{Duration, Instant};

use anyhow::Result;
use clap::Args;

use crate::util::{self, step};
use crate::{kernel, Ctx};

/// Options of `cargo xtask ci`.
#[derive(Args)]
pub struct CiArgs {
    /// Skip the step with this name (repeatable); `--list` shows the names.
    #[arg(long = "skip", value_name = "STEP")]
    skip: Vec<String>,
    /// Stop at the first failing step instead of running the rest.
    #[arg(long)]
    fail_fast: bool,
    /// List the steps and exit.
    #[arg(long)]
    list: bool,
}

/// One CI step: a short name, what it does, and the code that runs it
/// (returning an optional note for the summary).
pub struct Step {
    /// Name used by `--skip` and in the summary.
    pub name: &'static str,
    /// One-line description.
    pub about: &'static str,
    /// Runs the step.
    pub run: fn(&Ctx) -> Result<Option<String>>,
}

/// The steps, in order.
pub const STEPS: &[Step] = &[
    Step {
        name: "packages",
        about: "install missing system tools from Debian's packages (never removing any)",
        run: packages,
    },
    Step {
        name: "fmt",
        about: "cargo fmt --all -- --check",
        run: fmt,
    },
    Step {
        name: "clippy",
        about: "clippy on the workspace (host crates), warnings are errors",
        run: clippy,
    },
    Step {
        name: "clippy-kernel",
        about: "fmt check and clippy on the kernel (a workspace of its own) with its build flags",
        run: clippy_kernel,
    },
    Step {
        name: "jit-no-std",
        about: "the JIT's no_std + alloc core builds, alone and in the no_std VM (--features jit)",
        run: jit_no_std,
    },
    Step {
        name: "test",
        about: "cargo test on the workspace (host crates)",
        run: test,
    },
    Step {
        name: "vscode",
        about:
            "the VS Code extension: manifest checks, its grammar run by vscode-textmate on a sample",
        run: vscode,
    },
    Step {
        name: "kernel",
        about: "build the kernel and pass its self-tests in QEMU",
        run: kernel_selftest,
    },
    Step {
        name: "kernel-programs",
        about: "the programs of testsuite/run in the kernel under QEMU, each output checked",
        run: kernel_programs,
    },
    Step {
        name: "kernel-persist",
        about: "a counter in the kernel killed 20 times (SIGKILL), each boot continuing the right snapshot; phantom image check on the store",
        run: kernel_persist,
    },
];

fn packages(_: &Ctx) -> Result<Option<String>> {
    util::ensure_tools(&[
        ("qemu-system-x86_64", "qemu-system-x86"),
        ("cc", "gcc"),
        ("addr2line", "binutils"),
        ("nvim", "neovim"),
        ("emacs", "emacs-nox"),
        // eglot installs no program: the check loads the library.
        ("emacs-lisp:eglot", "elpa-eglot"),
        // For the vscode step.
        ("node", "nodejs"),
        ("npm", "npm"),
        // The Java suite (os/phantom/tests/java.rs) compiles with javac and compares with java.
        ("javac", "openjdk-17-jdk-headless"),
        // The Python suite (os/phantom/tests/python.rs) compares with python3.
        ("python3", "python3"),
    ])?;
    Ok(None)
}

fn fmt(ctx: &Ctx) -> Result<Option<String>> {
    util::run(
        util::cargo()
            .current_dir(&ctx.root)
            .args(["fmt", "--all", "--", "--check"]),
    )?;
    Ok(None)
}

fn clippy(ctx: &Ctx) -> Result<Option<String>> {
    util::run(util::cargo().current_dir(&ctx.root).args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    Ok(None)
}

fn clippy_kernel(ctx: &Ctx) -> Result<Option<String>> {
    kernel::clippy(ctx)?;
    Ok(None)
}

/// The JIT's core is `no_std + alloc` (for the kernel): built without its
/// `std` feature, which `cargo test --workspace` always turns on, and so is
/// the VM with its tiering (`--features jit`), as the kernel will use it.
/// The kernel is built for the host target, so that is the target checked.
fn jit_no_std(ctx: &Ctx) -> Result<Option<String>> {
    util::run(util::cargo().current_dir(&ctx.root).args([
        "build",
        "-p",
        "jit",
        "--no-default-features",
    ]))?;
    util::run(util::cargo().current_dir(&ctx.root).args([
        "build",
        "-p",
        "phantom-vm",
        "--no-default-features",
        "--features",
        "jit",
    ]))?;
    Ok(None)
}

fn test(ctx: &Ctx) -> Result<Option<String>> {
    util::run(
        util::cargo()
            .current_dir(&ctx.root)
            .args(["test", "--workspace"]),
    )?;
    Ok(None)
}

/// `editors/vscode/test`: installs its locked node packages
/// (vscode-textmate, vscode-oniguruma) and runs its checks.
fn vscode(ctx: &Ctx) -> Result<Option<String>> {
    let dir = ctx.root.join("editors/vscode/test");
    util::run(std::process::Command::new("npm").current_dir(&dir).args([
        "ci",
        "--no-audit",
        "--no-fund",
    ]))?;
    util::run(
        std::process::Command::new("node")
            .current_dir(&dir)
            .arg("check.js"),
    )?;
    Ok(None)
}

fn kernel_selftest(ctx: &Ctx) -> Result<Option<String>> {
    let r = kernel::test(ctx, &kernel::TestArgs::ci_default())?;
    Ok(Some(format!(
        "{}; first Rust output {:.2} s, self-tests done {:.2} s",
        r.summary,
        r.first_output.as_secs_f64(),
        r.selftest_done.as_secs_f64()
    )))
}

fn kernel_programs(ctx: &Ctx) -> Result<Option<String>> {
    let r = kernel::test_programs(ctx, &kernel::ProgramTestArgs::ci_default())?;
    Ok(Some(format!(
        "{} programs in one boot, {:.1} s in QEMU; first program output {:.2} s after QEMU started",
        r.programs,
        r.total.as_secs_f64(),
        r.first_output.as_secs_f64()
    )))
}

fn kernel_persist(ctx: &Ctx) -> Result<Option<String>> {
    let r =
        crate::kernel_kill::test_persist(ctx, &crate::kernel_kill::PersistTestArgs::ci_default())?;
    Ok(Some(format!(
        "{} kills ({} during a snapshot write), newest snapshot {}, {:.1} s",
        r.kills,
        r.during_write,
        r.generation,
        r.total.as_secs_f64()
    )))
}

/// Runs the steps and prints a summary; fails if any step failed.
pub fn run(ctx: &Ctx, args: &CiArgs) -> Result<()> {
    if args.list {
        for s in STEPS {
            println!("{:14} {}", s.name, s.about);
        }
        return Ok(());
    }
    for name in &args.skip {
        if !STEPS.iter().any(|s| s.name == name) {
            anyhow::bail!("unknown step {name:?} (see `cargo xtask ci --list`)");
        }
    }
    let total = Instant::now();
    let mut results: Vec<(&str, Outcome, Duration)> = Vec::new();
    for (i, s) in STEPS.iter().enumerate() {
        if args.skip.iter().any(|n| n == s.name) {
            results.push((s.name, Outcome::Skipped, Duration::ZERO));
            continue;
        }
        step(&format!(
            "ci step {}/{}: {} ({})",
            i + 1,
            STEPS.len(),
            s.name,
            s.about
        ));
        let t = Instant::now();
        let outcome = match (s.run)(ctx) {
            Ok(note) => Outcome::Passed(note),
            Err(e) => {
                eprintln!("ci step {} failed: {e:#}", s.name);
                Outcome::Failed(format!("{e:#}"))
            }
        };
        let failed = matches!(outcome, Outcome::Failed(_));
        results.push((s.name, outcome, t.elapsed()));
        if failed && args.fail_fast {
            break;
        }
    }
    println!();
    step(&format!(
        "ci summary ({:.0} s)",
        total.elapsed().as_secs_f64()
    ));
    let mut failed = 0;
    for (name, outcome, took) in &results {
        let (word, note) = match outcome {
            Outcome::Passed(note) => ("ok", note.clone().unwrap_or_default()),
            Outcome::Failed(e) => {
                failed += 1;
                ("FAILED", e.lines().next().unwrap_or("").to_string())
            }
            Outcome::Skipped => ("skipped", String::new()),
        };
        println!("  {name:14} {word:8} {:6.1} s  {note}", took.as_secs_f64());
    }
    let passed = results
        .iter()
        .filter(|r| matches!(r.1, Outcome::Passed(_)))
        .count();
    println!("ci: {passed} passed, {failed} failed");
    if failed > 0 {
        anyhow::bail!("{failed} ci step(s) failed");
    }
    Ok(())
}

enum Outcome {
    Passed(Option<String>),
    Failed(String),
    Skipped,
}
