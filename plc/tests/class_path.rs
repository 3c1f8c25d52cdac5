//! plc's class path: the built-in class library without `-I`, `-I` entries
//! first, names that differ only in case, and wrong entries.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PLC: &str = env!("CARGO_BIN_EXE_plc");

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("plc-cp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn plc(dir: &Path, args: &[&str]) -> Output {
    Command::new(PLC)
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const ZOO: &str = r#"package .demo;
import .phantom.util.hashmap;
class zoo {
    void run(var boot) [8] {
        var m : hashmap;
        m = new hashmap();
        m.put("cat", "meow");
        boot.16("cat says " + m.get("cat") + "\n");
    }
};
"#;

#[test]
fn the_class_library_is_found_without_a_class_path() {
    let d = temp_dir("lib");
    std::fs::write(d.join("zoo.ph"), ZOO).unwrap();
    let out = plc(&d, &["compile", "-o", "out", "zoo.ph"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(d.join("out/demo.zoo.pc").is_file());
    let out = plc(&d, &["check", "zoo.ph"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_class_path_entry_wins_over_the_class_library() {
    let d = temp_dir("wins");
    // A user's own `.phantom.util.hashmap` with a method the library's lacks.
    std::fs::write(
        d.join("mymap.ph"),
        "package .phantom.util; class hashmap { int special() { return 7; } };",
    )
    .unwrap();
    let out = plc(&d, &["compile", "-o", "mine", "mymap.ph"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    std::fs::write(
        d.join("use.ph"),
        "package .demo; import .phantom.util.hashmap; class use { int f() { var m : hashmap; m = new hashmap(); return m.special(); } };",
    )
    .unwrap();
    let out = plc(&d, &["check", "-I", "mine", "use.ph"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Without it, the library's hashmap has no `special`.
    let out = plc(&d, &["check", "use.ph"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("special"), "{}", stderr(&out));
}

#[test]
fn a_name_differing_only_in_case_finds_the_class() {
    // The original compiler lower-cased names in some references.
    let d = temp_dir("case");
    std::fs::write(
        d.join("printer.ph"),
        "package .test.toPhantom; class PhantomPrinter { int answer() { return 42; } };",
    )
    .unwrap();
    let out = plc(&d, &["compile", "-o", "lib", "printer.ph"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(d.join("lib/test.toPhantom.PhantomPrinter.pc").is_file());
    std::fs::write(
        d.join("use.ph"),
        "package .demo; class use { int f() { var p : .test.tophantom.phantomprinter; p = new .test.tophantom.phantomprinter(); return p.answer(); } };",
    )
    .unwrap();
    let out = plc(&d, &["check", "-I", "lib", "use.ph"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Two classes that match ignoring case, and none exactly: refused.
    std::fs::write(
        d.join("other.ph"),
        "package .test.tophantom; class PHANTOMPRINTER { };",
    )
    .unwrap();
    let out = plc(&d, &["compile", "-o", "lib", "other.ph"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = plc(&d, &["check", "-I", "lib", "use.ph"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("several classes"), "{}", stderr(&out));
}

#[test]
fn a_missing_class_path_entry_is_a_usage_error() {
    let d = temp_dir("missing");
    std::fs::write(d.join("zoo.ph"), ZOO).unwrap();
    let out = plc(
        &d,
        &["check", "-I", "/nonexistent/phantom-classes", "zoo.ph"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("/nonexistent/phantom-classes does not exist"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn help_shows_a_working_example() {
    let out = Command::new(PLC).arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("plc compile -o out examples/hello.ph"),
        "{help}"
    );
    // ... and it works, from the repository root.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let d = temp_dir("help");
    let out = Command::new(PLC)
        .current_dir(&root)
        .args(["compile", "-o"])
        .arg(&d)
        .arg("examples/hello.ph")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(d.join("examples.hello.pc").is_file());
}
