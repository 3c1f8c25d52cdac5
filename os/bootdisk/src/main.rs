//! `phantom-bootdisk`: compiles programs with the class library into a
//! boot class archive and writes the disk image the kernel boots from.
//! `cargo xtask qemu` runs it; see `docs/kernel.md`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use phantom_bootdisk::{archive, compile_program, disk_image};

const AFTER_HELP: &str = "\
Prints the boot list (the classes the kernel runs when its command line
names none), one per line. With several programs, each program's classes
are stored as PROGRAM:class (PROGRAM is the file's stem), so that they may
declare classes of the same name.

Examples:
  phantom-bootdisk -o counter.disk examples/counter.ph
  phantom-bootdisk -o tests.disk testsuite/run/001_if_else.ph testsuite/run/003_while.ph";

#[derive(Parser)]
#[command(name = "phantom-bootdisk", version, about = "Make the disk the Phantom kernel boots from", after_help = AFTER_HELP)]
struct Cli {
    /// The disk image to write (replaced if it exists).
    #[arg(short, long, value_name = "DISK")]
    output: PathBuf,
    /// Make the disk at least this many MiB.
    #[arg(long, value_name = "MIB", default_value_t = 0)]
    min_size: u64,
    /// Programs: FILE.ph (compiled with the class library), or the name of
    /// a class in the library to run.
    #[arg(required = true, value_name = "PROGRAM.ph|CLASS")]
    programs: Vec<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("phantom-bootdisk: error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli) -> Result<(), String> {
    let mut programs = Vec::new();
    let mut library_classes = Vec::new();
    for p in &cli.programs {
        if p.ends_with(".ph") {
            programs.push(compile_program(std::path::Path::new(p))?);
        } else if p.contains('/') {
            return Err(format!(
                "{p}: a program is a .ph source file or a class name such as .phantom.shell"
            ));
        } else {
            let name = if p.starts_with('.') {
                p.clone()
            } else {
                format!(".{p}")
            };
            if !phantom_stdlib::classes().contains_key(&name) {
                return Err(format!("{p}: no class of that name in the class library"));
            }
            library_classes.push(name);
        }
    }
    let scoped = programs.len() > 1;
    let (bytes, mut boot) = archive(&programs, scoped)?;
    boot.extend(library_classes);
    let img = disk_image(&bytes, &boot, cli.min_size << 20)?;
    // Written beside the target and renamed, so a disk is never half made.
    let tmp = cli.output.with_extension("part");
    std::fs::write(&tmp, &img).map_err(|e| format!("writing {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, &cli.output).map_err(|e| {
        format!(
            "renaming {} to {}: {e}",
            tmp.display(),
            cli.output.display()
        )
    })?;
    for b in &boot {
        println!("{b}");
    }
    Ok(())
}
