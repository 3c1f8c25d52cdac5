//! `phantom-bootdisk`: compiles programs with the class library into a
//! boot class archive and writes the disk image the kernel boots from.
//! `cargo xtask qemu` runs it; see `docs/kernel.md`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use phantom_bootdisk::{archive, archive_partition, compile_program, update_disk, write_disk};

const AFTER_HELP: &str = "\
Prints the boot list (the classes the kernel runs when its command line
names none), one per line. Each program's classes are stored as
PROGRAM:class (PROGRAM is the file's stem), so that several programs may
declare classes of the same name.

Examples:
  phantom-bootdisk -o counter.disk examples/counter.ph
  phantom-bootdisk --update -o counter.disk examples/counter.ph
                         new classes, same object store (the program goes on)
  phantom-bootdisk --store-size 0 -o tests.disk testsuite/run/001_if_else.ph testsuite/run/003_while.ph";

#[derive(Parser)]
#[command(name = "phantom-bootdisk", version, about = "Make the disk the Phantom kernel boots from", after_help = AFTER_HELP)]
struct Cli {
    /// The disk image to write.
    #[arg(short, long, value_name = "DISK")]
    output: PathBuf,
    /// Size of the object store partition in MiB (0: none; the kernel then
    /// runs the programs without persistence).
    #[arg(long, value_name = "MIB", default_value_t = 256)]
    store_size: u32,
    /// If DISK exists, rewrite only its class archive and keep its object
    /// store (and the program running in it).
    #[arg(long)]
    update: bool,
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
            programs.push(compile_program(Path::new(p))?);
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
    let (bytes, mut boot) = archive(&programs, true)?;
    boot.extend(library_classes);
    let part = archive_partition(&bytes, &boot)?;
    if cli.update && cli.output.exists() {
        update_disk(&cli.output, &part)?;
    } else {
        write_disk(&cli.output, &part, cli.store_size)?;
    }
    for b in &boot {
        println!("{b}");
    }
    Ok(())
}
