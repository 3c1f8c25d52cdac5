//! End-to-end tests of the `plc` binary: exit codes, output files, the
//! stdlib build, JSON diagnostics and `dump`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn plc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plc"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("plc runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("plc-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn ph_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(ph_files(&p));
        } else if p.extension().is_some_and(|x| x == "ph") {
            out.push(p.display().to_string());
        }
    }
    out.sort();
    out
}

#[test]
fn the_whole_stdlib_compiles_and_every_class_file_reads_back() {
    let out_dir = temp_dir("stdlib");
    let files = ph_files(&root().join("stdlib-ph"));
    assert!(files.len() >= 40, "stdlib sources: {}", files.len());
    let mut args = vec!["compile", "-o", out_dir.to_str().unwrap()];
    args.extend(files.iter().map(String::as_str));
    let o = plc(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut classes = 0;
    for e in std::fs::read_dir(&out_dir).unwrap() {
        let p = e.unwrap().path();
        let bytes = std::fs::read(&p).unwrap();
        let cf = classfile::records::ClassFile::parse(&bytes)
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let info = cf.info();
        assert_eq!(
            format!("{}.pc", info.name.trim_start_matches('.')),
            p.file_name().unwrap().to_str().unwrap()
        );
        let d = plc(&["dump", p.to_str().unwrap()]);
        assert!(
            d.status.success(),
            "dump {}: {}",
            p.display(),
            String::from_utf8_lossy(&d.stderr)
        );
        classes += 1;
    }
    assert_eq!(classes, files.len(), "one class per stdlib file");
    // The stdlib on the class path serves a separate compilation.
    let dir = temp_dir("user");
    let src = dir.join("u.ph");
    std::fs::write(
        &src,
        "package .u; class u { int f(var m : .phantom.util.hashmap) { return m.size(); } };",
    )
    .unwrap();
    let o = plc(&[
        "compile",
        "-I",
        out_dir.to_str().unwrap(),
        "-o",
        dir.to_str().unwrap(),
        src.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(dir.join("u.u.pc").exists());
}

#[test]
fn exit_codes_scripts_can_trust() {
    let dir = temp_dir("codes");
    let bad = dir.join("bad.ph");
    std::fs::write(&bad, "package .b; class b { void m() { x = 1; } };").unwrap();
    let o = plc(&["check", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("E0400") && err.contains("cannot find `x`"),
        "{err}"
    );
    assert_eq!(
        plc(&["check", dir.join("missing.ph").to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        plc(&["compile", "--emit", "nonsense", bad.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(plc(&["frobnicate"]).status.code(), Some(2));
    let help = plc(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("Examples:"));
}

#[test]
fn json_diagnostics_are_one_object_per_line() {
    let dir = temp_dir("json");
    let bad = dir.join("bad.ph");
    std::fs::write(&bad, "package .b;\nclass b { void m() { x = ; y(); } };\n").unwrap();
    let o = plc(&["check", "--message-format=json", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(!lines.is_empty());
    for l in lines {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        for key in [
            "file", "severity", "code", "message", "start", "end", "line", "column", "labels",
            "notes", "help",
        ] {
            assert!(v.get(key).is_some(), "{key} missing in {l}");
        }
        assert_eq!(v["line"], 2);
    }
}

#[test]
fn the_readme_example_compiles_to_all_three_outputs() {
    let dir = temp_dir("example");
    let ex = root().join("examples/hello.ph");
    let o = plc(&[
        "compile",
        "--emit",
        "pc,lst,lstc",
        "-o",
        dir.to_str().unwrap(),
        ex.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for ext in ["pc", "lst", "lstc"] {
        assert!(dir.join(format!("examples.hello.{ext}")).exists(), "{ext}");
    }
    let lstc = std::fs::read_to_string(dir.join("examples.hello.lstc")).unwrap();
    assert!(lstc.contains("method add ordinal 16"), "{lstc}");
}
