//! End-to-end tests: every program in `testsuite/run/` runs under the real
//! `phantom` binary and must print exactly its `.out` file.
//!
//! * `NAME.ph` + `NAME.out`: expected stdout; the exit code must be 0.
//! * `NAME.err` (optional): text that must appear on stderr; the program
//!   must then end with exit code 1 (an uncaught exception).
//!
//! Each program runs twice: interpreted only (`--jit=off`) and with every
//! method compiled before it first runs (`--jit=always`). Both runs must
//! meet the expectations, and their standard error must be the same byte
//! for byte (exception messages and backtraces with their source lines).
//! Every program is run even when an earlier one fails; the failures are
//! reported together.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PHANTOM: &str = env!("CARGO_BIN_EXE_phantom");

fn suite() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testsuite/run")
}

fn run(p: &Path, jit: &str) -> Output {
    Command::new(PHANTOM)
        .arg("run")
        .arg("--no-image")
        .arg(jit)
        .arg(p)
        .output()
        .expect("run phantom")
}

/// What is wrong with one run, if anything.
fn check(name: &str, jit: &str, out: &Output, expected: &str, err: Option<&str>) -> Option<String> {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let code = out.status.code();
    if stdout != expected {
        return Some(format!(
            "{name} ({jit}): stdout differs\n--- expected\n{expected}\n--- got\n{stdout}\n--- stderr\n{stderr}"
        ));
    }
    match err {
        Some(e) if code != Some(1) || !stderr.contains(e.trim_end()) => Some(format!(
            "{name} ({jit}): expected exit 1 and stderr containing {e:?}; got {code:?} and\n{stderr}"
        )),
        None if code != Some(0) => Some(format!("{name} ({jit}): exit code {code:?}\n{stderr}")),
        _ => None,
    }
}

#[test]
fn testsuite_programs_print_their_expected_output_interpreted_and_compiled() {
    let mut programs: Vec<PathBuf> = std::fs::read_dir(suite())
        .expect("testsuite/run exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ph"))
        .collect();
    programs.sort();
    assert!(programs.len() >= 80, "only {} programs", programs.len());
    let mut failures = Vec::new();
    for p in &programs {
        let expected = std::fs::read_to_string(p.with_extension("out"))
            .unwrap_or_else(|e| panic!("{}: no .out file: {e}", p.display()));
        let err_expected = std::fs::read_to_string(p.with_extension("err")).ok();
        let name = p.file_name().unwrap().to_string_lossy();
        let interpreted = run(p, "--jit=off");
        let compiled = run(p, "--jit=always");
        for (jit, out) in [("--jit=off", &interpreted), ("--jit=always", &compiled)] {
            failures.extend(check(&name, jit, out, &expected, err_expected.as_deref()));
        }
        if interpreted.stderr != compiled.stderr {
            failures.push(format!(
                "{name}: stderr differs between --jit=off and --jit=always\n--- off\n{}\n--- always\n{}",
                String::from_utf8_lossy(&interpreted.stderr),
                String::from_utf8_lossy(&compiled.stderr)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures in {} programs:\n\n{}",
        failures.len(),
        programs.len(),
        failures.join("\n\n")
    );
}
