//! How `phantom` takes what it is given: a class file by path, a directory
//! or a missing file instead of a program, a wrong class path, a zero heap,
//! read-only images, damaged images, and standard output closed early.

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const PHANTOM: &str = env!("CARGO_BIN_EXE_phantom");

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fresh directory on disk.
fn dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("usage-{name}"));
    if d.exists() {
        // A read-only file left by an earlier run is removed with its
        // directory (the directory itself stays writable).
        std::fs::remove_dir_all(&d).unwrap();
    }
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn phantom(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    Command::new(PHANTOM)
        .args(args.iter().map(|a| a.as_ref()))
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A program of two classes: `.demo.point` (the entry) uses `.demo.helper`.
const TWO_CLASSES: &str = "package .demo;
class point
{
    void run(var boot) [8]
    {
        var h : helper;
        h = new helper();
        boot.16(\"point says \" + h.twice(21) + \"\\n\");
    }
};
class helper
{
    int twice(var n : int)
    {
        return n + n;
    }
};
";

/// Compiles `TWO_CLASSES` into `out`, one `.pc` file per class named as
/// plc names them (`demo.point.pc`, `demo.helper.pc`).
fn compile_into(out: &Path) {
    compile_text_into(out, TWO_CLASSES);
}

/// Compiles `text` (a variant of `TWO_CLASSES`) into `out`.
fn compile_text_into(out: &Path, text: &str) {
    std::fs::create_dir_all(out).unwrap();
    let files = [phantom_frontend::SourceFile {
        path: PathBuf::from("demo.ph"),
        text: text.to_string(),
    }];
    let c = phantom_frontend::compile(&files, vec![]);
    assert!(!c.has_errors(), "{:?}", c.diags);
    for (_, class) in &c.classes {
        let (cf, _) = codegen::emit::class_file(class, "1").unwrap();
        let stem = class.info.name.trim_start_matches('.');
        std::fs::write(out.join(format!("{stem}.pc")), cf.write()).unwrap();
    }
    assert!(out.join("demo.point.pc").is_file());
    assert!(out.join("demo.helper.pc").is_file());
}

#[test]
fn a_class_file_given_by_path_runs_with_its_directory_on_the_class_path() {
    let d = dir("pcpath");
    compile_into(&d.join("out"));
    // Run from the directory above `out`, as after `plc compile -o out`;
    // the image is named after the class (as for `phantom run .demo.point`).
    let out = Command::new(PHANTOM)
        .current_dir(&d)
        .args(["run", "out/demo.point.pc"])
        .output()
        .unwrap();
    assert_eq!(
        text(&out.stdout),
        "point says 42\n",
        "{}",
        text(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(d.join("demo.point.img").is_file(), "no demo.point.img");
    // The class name comes from the file's contents, not its name; the
    // other class is found in the same directory.
    std::fs::copy(d.join("out/demo.point.pc"), d.join("out/renamed.pc")).unwrap();
    let out = phantom(&[&"run", &"--no-image", &d.join("out/renamed.pc")]);
    assert_eq!(
        text(&out.stdout),
        "point says 42\n",
        "{}",
        text(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0));
    // A file in the current directory, without a `/`.
    let out = Command::new(PHANTOM)
        .current_dir(d.join("out"))
        .args(["run", "--no-image", "demo.point.pc"])
        .output()
        .unwrap();
    assert_eq!(
        text(&out.stdout),
        "point says 42\n",
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_class_file_started_again_in_its_ended_image_runs_its_new_version() {
    let d = dir("pcagain");
    compile_into(&d.join("out"));
    let run = || {
        Command::new(PHANTOM)
            .current_dir(&d)
            .args(["run", "out/demo.point.pc"])
            .output()
            .unwrap()
    };
    let out = run();
    assert_eq!(
        text(&out.stdout),
        "point says 42\n",
        "{}",
        text(&out.stderr)
    );
    compile_text_into(
        &d.join("out"),
        &TWO_CLASSES.replace("point says", "point now says"),
    );
    let out = run();
    assert_eq!(
        text(&out.stdout),
        "point now says 42\n",
        "{}",
        text(&out.stderr)
    );
    assert!(d.join("demo.point.img").is_file());
}

#[test]
fn a_directory_given_as_the_program_says_how_to_run_a_class() {
    let d = dir("dirprog");
    compile_into(&d.join("out"));
    for arg in ["out/", "out"] {
        let out = Command::new(PHANTOM)
            .current_dir(&d)
            .args(["run", arg])
            .output()
            .unwrap();
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{arg}: {err}");
        assert!(err.contains("is a directory"), "{err}");
        // The example names a class that is really there.
        assert!(err.contains("phantom run -I out"), "{err}");
        assert!(
            err.contains(".demo.helper") || err.contains(".demo.point"),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
    // Nothing was made for it.
    assert!(!d.join("out.img").exists());
}

#[test]
fn a_missing_class_file_says_how_to_run_a_class() {
    let d = dir("nopc");
    let out = Command::new(PHANTOM)
        .current_dir(&d)
        .args(["run", "out/demo.point.pc"])
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot read out/demo.point.pc"), "{err}");
    assert!(err.contains("phantom run -I out .demo.point"), "{err}");
    assert_eq!(
        std::fs::read_dir(&d).unwrap().count(),
        0,
        "no image is made"
    );
}

#[test]
fn a_file_that_is_not_a_class_file_is_refused() {
    let d = dir("notpc");
    let f = d.join("junk.pc");
    std::fs::write(&f, b"not a class file at all").unwrap();
    let out = phantom(&[&"run", &"--no-image", &f]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("is not a class file"), "{err}");
}

#[test]
fn a_class_path_that_does_not_exist_is_refused_by_name() {
    let out = phantom(&[
        &"run",
        &"--no-image",
        &"-I",
        &"/nonexistent/classes",
        &root().join("examples/hello.ph"),
    ]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("-I /nonexistent/classes"), "{err}");
    assert!(err.contains("No such file or directory"), "{err}");
    assert!(out.stdout.is_empty(), "the program ran");
}

#[test]
fn heap_max_zero_is_a_usage_error() {
    let d = dir("heap0");
    for args in [
        &["run", "--no-image", "--heap-max", "0"][..],
        &["run", "--heap-max", "0"][..],
    ] {
        let out = Command::new(PHANTOM)
            .current_dir(&d)
            .args(args)
            .arg(root().join("examples/hello.ph"))
            .output()
            .unwrap();
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("--heap-max"), "{err}");
        assert!(err.contains("cannot be 0 MiB"), "{err}");
        assert!(out.stdout.is_empty(), "the program ran");
    }
    assert!(!d.join("hello.img").exists(), "an image was made");
    // 1 MiB is accepted.
    let out = phantom(&[
        &"run",
        &"--no-image",
        &"--heap-max",
        &"1",
        &root().join("examples/hello.ph"),
    ]);
    assert_eq!(
        text(&out.stdout),
        "hello, 3 times\n",
        "{}",
        text(&out.stderr)
    );
}

/// An image holding the finished hello program's last snapshot.
fn hello_image(d: &Path) -> PathBuf {
    let img = d.join("hello.img");
    let out = phantom(&[&"run", &"--image", &img, &root().join("examples/hello.ph")]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    img
}

#[test]
fn image_commands_that_only_look_work_on_a_read_only_image() {
    let d = dir("readonly");
    let img = hello_image(&d);
    std::fs::set_permissions(&img, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&img).unwrap();
    let look = |setup: &dyn Fn(&mut Command)| {
        for (cmd, expect) in [
            ("info", "newest snapshot: 1"),
            ("snapshots", "newest"),
            ("check", "OK"),
        ] {
            let mut c = Command::new(PHANTOM);
            c.args(["image", cmd]).arg(&img);
            setup(&mut c);
            let out = c.output().unwrap();
            assert_eq!(out.status.code(), Some(0), "image {cmd}: {out:?}");
            assert!(text(&out.stdout).contains(expect), "image {cmd}: {out:?}");
        }
    };
    look(&|_| {});
    // chmod 0444 does not stop root from writing: as root, run the
    // commands again as a user that really cannot open the file for
    // writing.
    // SAFETY: geteuid has no preconditions.
    let root_user = unsafe { libc::geteuid() } == 0;
    let as_nobody = |c: &mut Command| {
        if root_user {
            c.uid(65534).gid(65534);
        }
    };
    if root_user {
        look(&as_nobody);
    }
    // Changing it is still refused, with the reason.
    let mut c = Command::new(PHANTOM);
    c.args(["image", "retain"]).arg(&img).arg("v1");
    as_nobody(&mut c);
    let out = c.output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(text(&out.stderr).contains("Permission denied"), "{out:?}");
    assert_eq!(std::fs::read(&img).unwrap(), before, "the image changed");
}

#[test]
fn check_exits_1_for_damage_and_2_for_a_file_that_is_not_an_image() {
    let d = dir("checkcodes");
    let img = hello_image(&d);
    let out = phantom(&[&"image", &"check", &img]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // Damage every block but the superblocks: the maps no longer verify,
    // so no snapshot can be opened at all. That is damage found.
    let mut b = std::fs::read(&img).unwrap();
    for blk in 2..b.len() / 4096 {
        b[blk * 4096 + 2000] ^= 0x55;
    }
    std::fs::write(&img, &b).unwrap();
    let out = phantom(&[&"image", &"check", &img]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(text(&out.stdout).contains("DAMAGED"), "{out:?}");
    // Damaged superblocks too.
    for blk in 0..2 {
        b[blk * 4096 + 100] ^= 0x55;
    }
    std::fs::write(&img, &b).unwrap();
    let out = phantom(&[&"image", &"check", &img]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    // Not an image, or no file: unusable input.
    let junk = d.join("junk.img");
    std::fs::write(&junk, vec![0u8; 64 * 1024]).unwrap();
    for f in [junk, d.join("missing.img")] {
        let out = phantom(&[&"image", &"check", &f]);
        assert_eq!(out.status.code(), Some(2), "{out:?}");
    }
}

/// The write end of a pipe whose read end is already closed: a process
/// that read nothing and has exited held the only read end.
fn closed_pipe() -> Stdio {
    let mut reader = Command::new("true").stdin(Stdio::piped()).spawn().unwrap();
    let w = reader.stdin.take().unwrap();
    reader.wait().unwrap();
    Stdio::from(w)
}

/// Ended quietly: exit 0 or death by SIGPIPE, never an abort or a panic.
fn quiet_end(out: &Output, what: &str) {
    let err = text(&out.stderr);
    assert!(
        out.status.code() == Some(0) || out.status.signal() == Some(libc::SIGPIPE),
        "{what}: {:?}, stderr: {err}",
        out.status
    );
    assert!(!err.contains("panicked"), "{what}: {err}");
    assert!(err.is_empty(), "{what}: {err}");
}

#[test]
fn image_reports_end_quietly_when_the_reader_has_gone() {
    let d = dir("pipe");
    let img = hello_image(&d);
    for cmd in ["info", "snapshots", "check"] {
        let out = Command::new(PHANTOM)
            .args(["image", cmd])
            .arg(&img)
            .stdout(closed_pipe())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        quiet_end(&out, cmd);
    }
}

#[test]
fn the_readme_main_command_shows_build_progress() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    // The first command of the README builds everything on a fresh clone:
    // cargo's progress must show (no -q, no --quiet).
    let first = readme
        .lines()
        .find(|l| l.contains("cargo run"))
        .expect("a cargo run command");
    assert!(
        !first
            .split_whitespace()
            .any(|w| w == "-q" || w == "--quiet"),
        "{first}"
    );
}

#[test]
fn what_the_readme_commands_write_is_ignored_by_git() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let ignore = std::fs::read_to_string(root().join(".gitignore")).unwrap();
    let patterns: Vec<&str> = ignore.lines().map(str::trim).collect();
    let mut dirs = 0;
    for line in readme.lines().filter(|l| l.contains("plc -- compile")) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let Some(i) = words.iter().position(|w| *w == "-o") else {
            continue;
        };
        let dir = words[i + 1].trim_end_matches('/');
        assert!(
            patterns.iter().any(|p| p.trim_matches('/') == dir),
            "{dir}/ (from `{line}`) is not in .gitignore"
        );
        dirs += 1;
    }
    assert!(dirs > 0, "the README compiles into no directory");
    // Images: NAME.img after the program.
    assert!(patterns.contains(&"*.img"));
}
