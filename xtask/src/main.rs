//! Build and test automation for the workspace: `cargo xtask <command>`.

mod bench;
mod bench_persist;
mod ci;
mod disk;
mod fuzz;
mod kernel;
mod kernel_bench;
mod kernel_kill;
mod util;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

const EXAMPLES: &str = "\
Examples:
  cargo xtask qemu                     build the kernel, boot it, serial console on this terminal
  cargo xtask qemu --append log=debug  pass words to the kernel command line
  cargo xtask qemu --gdb               wait for gdb on localhost:1234 (see docs/kernel.md)
  cargo xtask test                     boot headless and run the kernel self-tests
  cargo xtask ci                       everything CI runs: packages, fmt, clippy, tests, kernel
  cargo xtask bench                    the micro-benchmarks on our VM next to CPython and Java
  cargo xtask bench-persist            snapshot pause and write by heap size, dd, restart time
  cargo xtask bench-persist --sizes 64,512 --rounds 1 --start-runs 1
                                       a quick run (see docs/benchmarks.md)
  cargo xtask fuzz --seconds 60        fuzz the compiler front end for a minute (nightly, not in ci)
  cargo xtask fuzz lsp                 fuzz the language server's requests on arbitrary sources
  cargo xtask fuzz vm-run              fuzz the VM with generated programs (also vm-load, vm-mutate)";

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Phantom build and test automation", after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the kernel and boot it in QEMU with the serial console on stdio.
    Qemu(kernel::QemuArgs),
    /// Boot the kernel headless and run its self-test suite; fails unless it reports success.
    #[command(name = "test-kernel", visible_alias = "test")]
    TestKernel(kernel::TestArgs),
    /// Run the programs of testsuite/run (no network, no graphics) in the
    /// kernel under QEMU; each must print exactly its expected output.
    TestPrograms(kernel::ProgramTestArgs),
    /// Kill a counter program in the kernel under QEMU at random instants
    /// (SIGKILL) and check that each boot continues the right snapshot.
    TestPersist(kernel_kill::PersistTestArgs),
    /// The shared benchmarks on the kernel under QEMU next to the hosted
    /// runtime's times.
    BenchKernel(kernel_bench::KernelBenchArgs),
    /// Build the kernel image only and print its path.
    BuildKernel,
    /// The project's full test command (what CI runs).
    Ci(ci::CiArgs),
    /// Run the shared micro-benchmarks on our VM next to CPython and Java.
    Bench(bench::BenchArgs),
    /// Measure persistence in `phantom run --image`: snapshot pause and write
    /// times by object memory size and dirty share, write throughput next to
    /// dd, and the time to continue a large image.
    BenchPersist(bench_persist::PersistArgs),
    /// Fuzz the compiler front end, the language server or the VM with cargo-fuzz (nightly; not part of `ci`).
    Fuzz(fuzz::FuzzArgs),
}

/// Paths shared by all commands.
pub struct Ctx {
    /// The workspace root.
    pub root: PathBuf,
    /// Cargo's target directory for this invocation.
    pub target_dir: PathBuf,
}

impl Ctx {
    fn new() -> Self {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("."));
        let target_dir = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("target"));
        let target_dir = if target_dir.is_relative() {
            root.join(target_dir)
        } else {
            target_dir
        };
        Self { root, target_dir }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ctx = Ctx::new();
    let result = match cli.command {
        Command::Qemu(args) => {
            // The program's exit status; 3 when there is none (the build
            // failed, the kernel panicked or QEMU died).
            return match kernel::qemu(&ctx, &args) {
                Ok(code) => ExitCode::from(code),
                Err(e) => {
                    eprintln!("xtask: error: {e:#}");
                    ExitCode::from(3)
                }
            };
        }
        Command::TestKernel(args) => kernel::test(&ctx, &args).map(|_| ()),
        Command::TestPrograms(args) => kernel::test_programs(&ctx, &args).map(|_| ()),
        Command::TestPersist(args) => kernel_kill::test_persist(&ctx, &args).map(|_| ()),
        Command::BenchKernel(args) => kernel_bench::run(&ctx, &args),
        Command::BuildKernel => kernel::build(&ctx).map(|p| println!("{}", p.display())),
        Command::Ci(args) => ci::run(&ctx, &args),
        Command::Fuzz(args) => fuzz::run(&ctx, &args),
        Command::Bench(args) => bench::run(&ctx, &args),
        Command::BenchPersist(args) => bench_persist::run(&ctx, &args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
