//! `plc` writing into a pipe whose reader has gone (`plc dump x.pc | head -1`):
//! it ends quietly, never with an abort.

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const PLC: &str = env!("CARGO_BIN_EXE_plc");

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("plc-pipe-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The write end of a pipe whose read end is already closed: a process
/// that read nothing and has exited held the only read end.
fn closed_pipe() -> Stdio {
    let mut reader = Command::new("true").stdin(Stdio::piped()).spawn().unwrap();
    let w = reader.stdin.take().unwrap();
    reader.wait().unwrap();
    Stdio::from(w)
}

fn into_closed_pipe(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    Command::new(PLC)
        .args(args.iter().map(|a| a.as_ref()))
        .env("NO_COLOR", "1")
        .stdout(closed_pipe())
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

/// Ended quietly: exit 0 or death by SIGPIPE (13), never an abort or a
/// panic message.
fn quiet_end(out: &Output, what: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.code() == Some(0) || out.status.signal() == Some(13),
        "{what}: {:?}, stderr: {err}",
        out.status
    );
    assert!(err.is_empty(), "{what}: {err}");
}

#[test]
fn dump_into_a_closed_pipe_ends_quietly() {
    let d = temp_dir("dump");
    let hello = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/hello.ph");
    let out = Command::new(PLC)
        .args(["compile", "-o"])
        .arg(&d)
        .arg(&hello)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let pc = d.join("examples.hello.pc");
    quiet_end(&into_closed_pipe(&[&"dump", &pc]), "plc dump");
}

#[test]
fn json_diagnostics_into_a_closed_pipe_end_quietly() {
    let d = temp_dir("json");
    let bad = d.join("bad.ph");
    std::fs::write(
        &bad,
        "package .t;\nclass main\n{\n    void run(var boot) [8]\n    {\n        x = 1;\n        y = 2;\n    }\n};\n",
    )
    .unwrap();
    // The same command into a real reader prints diagnostics and exits 1.
    let out = Command::new(PLC)
        .args(["check", "--message-format=json"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(out.stdout.starts_with(b"{"), "{out:?}");
    quiet_end(
        &into_closed_pipe(&[&"check", &"--message-format=json", &bad]),
        "plc check --message-format=json",
    );
}
