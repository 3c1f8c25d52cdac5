//! The Python suite: every `testsuite/python/NAME.py` is run by the real
//! `python3` and by `phantom run NAME.py`; both must print the same bytes
//! on standard output and exit with the same status. A program may say
//! which arguments it takes on a first line `# args: a b c`.
//!
//! `python3` is on every machine of this project's kind; the `packages`
//! step of `cargo xtask ci` installs Debian's `python3` where it is
//! missing. Without it the test fails and says so.

use std::path::{Path, PathBuf};
use std::process::Command;

const PHANTOM: &str = env!("CARGO_BIN_EXE_phantom");

fn suite() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testsuite/python")
}

#[test]
fn python_programs_print_what_python3_prints() {
    let ok = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "`python3` is not runnable: install python3 (cargo xtask ci does)"
    );
    let mut sources: Vec<PathBuf> = std::fs::read_dir(suite())
        .expect("testsuite/python exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    sources.sort();
    assert!(sources.len() >= 20, "only {} programs", sources.len());
    let mut failures = Vec::new();
    for src in &sources {
        let text = std::fs::read_to_string(src).expect("read program");
        let args: Vec<&str> = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# args:"))
            .map(|a| a.split_whitespace().collect())
            .unwrap_or_default();
        let want = Command::new("python3")
            .arg(src)
            .args(&args)
            .output()
            .expect("run python3");
        let got = Command::new(PHANTOM)
            .arg("run")
            .arg("--no-image")
            .arg(src)
            .args(&args)
            .output()
            .expect("run phantom");
        let name = src.file_name().unwrap().to_string_lossy().into_owned();
        if want.stdout != got.stdout || want.status.code() != got.status.code() {
            failures.push(format!(
                "{name}: python3 exit {:?}, phantom exit {:?}\n--- python3 stdout\n{}--- phantom stdout\n{}--- phantom stderr\n{}",
                want.status.code(),
                got.status.code(),
                String::from_utf8_lossy(&want.stdout),
                String::from_utf8_lossy(&got.stdout),
                String::from_utf8_lossy(&got.stderr),
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} programs differ:\n{}",
        failures.len(),
        sources.len(),
        failures.join("\n")
    );
}

/// A syntax error and an unsupported construct are compile-time errors
/// with their location, and the program does not start (exit 2).
#[test]
fn unsupported_python_is_a_compile_error_with_a_location() {
    let dir = std::env::temp_dir().join(format!("phantom-py-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (name, text, want) in [
        ("syntax.py", "x = (1,\nprint(x)\n", "syntax error"),
        (
            "floats.py",
            "x = 1\ny = 2.5\n",
            "float is not supported yet",
        ),
        (
            "module.py",
            "import os\n",
            "module 'os' is not supported yet",
        ),
        (
            "undefined.py",
            "print(nosuch)\n",
            "name 'nosuch' is not defined",
        ),
    ] {
        let p = dir.join(name);
        std::fs::write(&p, text).expect("write program");
        let out = Command::new(PHANTOM)
            .arg("run")
            .arg("--no-image")
            .arg(&p)
            .output()
            .expect("run phantom");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(want), "{name}: {err}");
        assert!(
            err.contains(&format!("{name}:")),
            "{name} has no location: {err}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
