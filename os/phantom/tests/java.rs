//! The Java suite: every `testsuite/java/NAME.java` is compiled by the real
//! `javac`, run by the real `java` and by `phantom run NAME.class`, once
//! interpreted (`--jit=off`) and once with every method compiled
//! (`--jit=always`); each must print the same bytes on standard output as
//! `java` and exit with the same status. Each program keeps its helper classes nested (`NAME$X`),
//! so one `javac` run compiles the whole suite and the class files are
//! then sorted into one directory per program.
//!
//! `javac` and `java` come from `openjdk-17-jdk-headless` (the `packages`
//! step of `cargo xtask ci` installs it); without them the test fails
//! and says so.

use std::path::{Path, PathBuf};
use std::process::Command;

const PHANTOM: &str = env!("CARGO_BIN_EXE_phantom");

fn suite() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testsuite/java")
}

fn tool(name: &str) -> String {
    let ok = Command::new(name)
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "`{name}` is not runnable: install openjdk-17-jdk-headless (cargo xtask ci does)"
    );
    name.to_string()
}

#[test]
fn java_programs_print_what_java_prints() {
    let (javac, java) = (tool("javac"), tool("java"));
    let mut sources: Vec<PathBuf> = std::fs::read_dir(suite())
        .expect("testsuite/java exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "java"))
        .collect();
    sources.sort();
    assert!(sources.len() >= 15, "only {} programs", sources.len());
    let work = std::env::temp_dir().join(format!("phantom-java-suite-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let all = work.join("all");
    std::fs::create_dir_all(&all).expect("make work directory");
    let out = Command::new(&javac)
        .arg("-d")
        .arg(&all)
        .args(&sources)
        .output()
        .expect("run javac");
    assert!(
        out.status.success(),
        "javac failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut failures = Vec::new();
    for src in &sources {
        let name = src.file_stem().unwrap().to_string_lossy().into_owned();
        let dir = work.join(&name);
        std::fs::create_dir_all(&dir).expect("program directory");
        for e in std::fs::read_dir(&all).expect("classes") {
            let p = e.expect("entry").path();
            let f = p.file_name().unwrap().to_string_lossy().into_owned();
            if f == format!("{name}.class") || f.starts_with(&format!("{name}$")) {
                std::fs::copy(&p, dir.join(&f)).expect("copy class file");
            }
        }
        let want = Command::new(&java)
            .arg("-cp")
            .arg(&dir)
            .arg(&name)
            .output()
            .expect("run java");
        for jit in ["--jit=off", "--jit=always"] {
            let got = Command::new(PHANTOM)
                .arg("run")
                .arg("--no-image")
                .arg(jit)
                .arg(dir.join(format!("{name}.class")))
                .output()
                .expect("run phantom");
            if want.stdout != got.stdout || want.status.code() != got.status.code() {
                failures.push(format!(
                    "{name} ({jit}): java exited {:?}, phantom {:?}\n--- java stdout\n{}--- phantom stdout\n{}--- phantom stderr\n{}",
                    want.status.code(),
                    got.status.code(),
                    String::from_utf8_lossy(&want.stdout),
                    String::from_utf8_lossy(&got.stdout),
                    String::from_utf8_lossy(&got.stderr)
                ));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&work);
    assert!(
        failures.is_empty(),
        "{} of {} Java programs differ:\n{}",
        failures.len(),
        sources.len(),
        failures.join("\n")
    );
}
