//! End-to-end tests: every program in `testsuite/run/` runs under the real
//! `phantom` binary and must print exactly its `.out` file.
//!
//! * `NAME.ph` + `NAME.out`: expected stdout; the exit code must be 0.
//! * `NAME.err` (optional): text that must appear on stderr; the program
//!   must then end with exit code 1 (an uncaught exception).
//!
//! The suite runs twice: interpreted only (`--jit=off`) and with every
//! method compiled before it first runs (`--jit=always`); both must print
//! the same. Every program is run even when an earlier one fails; the
//! failures are reported together.

use std::path::{Path, PathBuf};
use std::process::Command;

const PHANTOM: &str = env!("CARGO_BIN_EXE_phantom");

fn suite() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testsuite/run")
}

#[test]
fn testsuite_programs_print_their_expected_output_interpreted() {
    run_suite("--jit=off");
}

#[test]
fn testsuite_programs_print_their_expected_output_compiled() {
    run_suite("--jit=always");
}

fn run_suite(jit: &str) {
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
        let out = Command::new(PHANTOM)
            .arg("run")
            .arg("--no-image")
            .arg(jit)
            .arg(p)
            .output()
            .expect("run phantom");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let code = out.status.code();
        let name = p.file_name().unwrap().to_string_lossy();
        if stdout != expected {
            failures.push(format!(
                "{name}: stdout differs\n--- expected\n{expected}\n--- got\n{stdout}\n--- stderr\n{stderr}"
            ));
            continue;
        }
        match &err_expected {
            Some(e) => {
                if code != Some(1) || !stderr.contains(e.trim_end()) {
                    failures.push(format!(
                        "{name}: expected exit 1 and stderr containing {e:?}; got {code:?} and\n{stderr}"
                    ));
                }
            }
            None => {
                if code != Some(0) {
                    failures.push(format!("{name}: exit code {code:?}\n{stderr}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{jit}: {} of {} programs failed:\n\n{}",
        failures.len(),
        programs.len(),
        failures.join("\n\n")
    );
}
