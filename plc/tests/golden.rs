//! Golden tests of the real `plc` binary against `testsuite/`.
//!
//! * `testsuite/compile/*.ph`: each program is compiled alone with
//!   `plc compile --emit pc,lst,lstc`; it must succeed without errors, and the
//!   `.lst` and `.lstc` (minus its `Class version` line) of every class it
//!   produced are snapshots in `listings/` (`<program>__<class>.lst.snap`).
//! * `testsuite/errors/*.ph`: each program must fail `plc check` with exit
//!   code 1; the human-readable diagnostics are snapshots in
//!   `listings/errors/`, and `--message-format=json` must print JSON lines
//!   with the documented keys.
//!
//! Adding a program needs no code: drop the file in and run
//! `cargo insta test -p plc --test golden`, then review the new snapshots.
//! Every program is checked even when an earlier one fails; the failures
//! are reported together at the end.
//!
//! `testsuite/pending/` holds programs that show known compiler bugs; they
//! are not run.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PLC: &str = env!("CARGO_BIN_EXE_plc");

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("plc lives in the workspace")
        .to_path_buf()
}

/// The `.ph` files of one testsuite directory, sorted by name.
fn programs(dir: &str) -> Vec<PathBuf> {
    let dir = repo_root().join("testsuite").join(dir);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ph"))
        .collect();
    v.sort();
    v
}

fn stem(p: &Path) -> String {
    p.file_stem().unwrap().to_string_lossy().into_owned()
}

fn file_name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

/// The first line of a program, which says what it covers.
fn description(p: &Path) -> String {
    let text = std::fs::read_to_string(p).unwrap_or_default();
    let first = text.lines().next().unwrap_or("").trim();
    first
        .trim_start_matches("//")
        .trim_start_matches("/*")
        .trim_end_matches("*/")
        .trim()
        .to_string()
}

/// Runs `plc` in the program's directory with the file given by its bare
/// name, so that diagnostics and `import "file"` paths are relative and
/// stable.
fn plc(program: &Path, args: &[&str]) -> Output {
    Command::new(PLC)
        .args(args)
        .arg(file_name(program))
        .current_dir(program.parent().unwrap())
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("cannot run plc")
}

/// A fresh, empty scratch directory for one program.
fn scratch(kind: &str, name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("golden")
        .join(kind)
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("cannot create scratch directory");
    dir
}

/// Makes diagnostics independent of where the repository is checked out.
fn normalize(text: &str, program: &Path) -> String {
    let mut t = text.replace("\r\n", "\n");
    for p in [
        program.to_path_buf(),
        program
            .canonicalize()
            .unwrap_or_else(|_| program.to_path_buf()),
    ] {
        t = t.replace(&p.display().to_string(), &file_name(program));
    }
    let root = repo_root();
    t.replace(&root.display().to_string(), "<repo>")
}

/// Runs `check` for every program, catching panics (failed assertions,
/// snapshot mismatches), and fails once at the end with the full list.
fn for_each_program(dir: &str, check: impl Fn(&Path)) {
    let progs = programs(dir);
    assert!(!progs.is_empty(), "no programs in testsuite/{dir}");
    let mut failures = Vec::new();
    for p in &progs {
        if let Err(e) = catch_unwind(AssertUnwindSafe(|| check(p))) {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "panic".into());
            let first = msg.lines().next().unwrap_or("").to_string();
            failures.push(format!("{}: {first}", file_name(p)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} programs in testsuite/{dir} failed:\n  {}",
        failures.len(),
        progs.len(),
        failures.join("\n  ")
    );
}

/// Runs one snapshot assertion; a mismatch is reported (and a `.snap.new`
/// written) without stopping the other snapshots of the same program.
fn snapshot_ok(assert: impl FnOnce()) -> bool {
    catch_unwind(AssertUnwindSafe(assert)).is_ok()
}

#[test]
fn compile_programs() {
    for_each_program("compile", |program| {
        let name = stem(program);
        let out_dir = scratch("compile", &name);
        let out = plc(
            program,
            &[
                "compile",
                "-o",
                out_dir.to_str().unwrap(),
                "--emit",
                "pc,lst,lstc",
            ],
        );
        let stderr = normalize(&String::from_utf8_lossy(&out.stderr), program);
        assert_eq!(out.status.code(), Some(0), "plc compile failed:\n{stderr}");
        assert!(
            !stderr.contains("error"),
            "plc compile reported errors:\n{stderr}"
        );

        let mut classes: Vec<String> = std::fs::read_dir(&out_dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "pc"))
            .map(|p| stem(&p))
            .collect();
        classes.sort();
        assert!(!classes.is_empty(), "no class files were written");

        let info = description(program);
        let mut failed = Vec::new();
        for class in &classes {
            let read = |ext: &str| {
                let p = out_dir.join(format!("{class}.{ext}"));
                std::fs::read_to_string(&p)
                    .unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
            };
            let lst = read("lst");
            let lstc = read("lstc");
            let (first, rest) = lstc.split_once('\n').unwrap_or((&lstc, ""));
            assert!(
                first.starts_with("Class version"),
                "{class}.lstc does not start with `Class version`: {first:?}"
            );
            insta::with_settings!({
                snapshot_path => "../../listings",
                prepend_module_to_snapshot => false,
                description => info.as_str(),
                omit_expression => true,
            }, {
                let lst_name = format!("{name}__{class}.lst");
                let lstc_name = format!("{name}__{class}.lstc");
                if !snapshot_ok(|| insta::assert_snapshot!(lst_name.clone(), lst)) {
                    failed.push(lst_name.clone());
                }
                if !snapshot_ok(|| insta::assert_snapshot!(lstc_name.clone(), rest)) {
                    failed.push(lstc_name.clone());
                }
            });
        }
        assert!(failed.is_empty(), "snapshots differ: {}", failed.join(", "));
    });
}

const JSON_KEYS: [&str; 11] = [
    "file", "severity", "code", "message", "start", "end", "line", "column", "labels", "notes",
    "help",
];

#[test]
fn error_programs() {
    for_each_program("errors", |program| {
        let name = stem(program);

        let out = plc(program, &["check"]);
        let stderr = normalize(&String::from_utf8_lossy(&out.stderr), program);
        assert_eq!(
            out.status.code(),
            Some(1),
            "plc check should fail with exit code 1:\n{stderr}"
        );
        let mut snapshot_matches = false;
        assert!(
            stderr.contains("E0"),
            "no error code in the diagnostics:\n{stderr}"
        );
        insta::with_settings!({
            snapshot_path => "../../listings/errors",
            prepend_module_to_snapshot => false,
            description => description(program).as_str(),
            omit_expression => true,
        }, {
            snapshot_matches = snapshot_ok(|| insta::assert_snapshot!(name.clone(), stderr));
        });

        let out = plc(program, &["check", "--message-format=json"]);
        assert_eq!(out.status.code(), Some(1), "JSON check: wrong exit code");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let mut errors = 0;
        for line in stdout.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}"));
            let obj = v
                .as_object()
                .unwrap_or_else(|| panic!("not a JSON object: {line}"));
            for key in JSON_KEYS {
                assert!(
                    obj.contains_key(key),
                    "JSON diagnostic without `{key}`: {line}"
                );
            }
            assert_eq!(
                obj["file"]
                    .as_str()
                    .map(|f| f.ends_with(&file_name(program))),
                Some(true),
                "JSON `file` does not name the program: {line}"
            );
            assert!(
                obj["code"]
                    .as_str()
                    .is_some_and(|c| c.starts_with('E') || c.starts_with('W')),
                "JSON `code` is not a diagnostic code: {line}"
            );
            assert!(
                obj["labels"].is_array(),
                "JSON `labels` is not an array: {line}"
            );
            assert!(
                obj["notes"].is_array(),
                "JSON `notes` is not an array: {line}"
            );
            if obj["severity"] == "error" {
                errors += 1;
            }
        }
        assert!(errors > 0, "JSON output has no error:\n{stdout}");
        assert!(snapshot_matches, "snapshot `{name}` differs");
    });
}
