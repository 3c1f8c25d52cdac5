//! The `phantom` command line: exit codes, messages, entry convention.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const PHANTOM: &str = env!("CARGO_BIN_EXE_phantom");

fn run_source(name: &str, src: &str) -> Output {
    let dir = std::env::temp_dir().join(format!("phantom-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.ph"));
    std::fs::write(&file, src).unwrap();
    Command::new(PHANTOM)
        .arg("run")
        .arg("--no-image")
        .arg(&file)
        .output()
        .unwrap()
}

#[test]
fn hello_example_runs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = Command::new(PHANTOM)
        .arg("run")
        .arg("--no-image")
        .arg(root.join("examples/hello.ph"))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "hello, 3 times\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn uncaught_exception_ends_with_a_backtrace() {
    let out = run_source(
        "uncaught",
        "package .t;\nclass main\n{\n    void inner()\n    {\n        throw \"boom\";\n    }\n    void run(var boot) [8]\n    {\n        inner();\n    }\n};\n",
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("uncaught exception"), "{err}");
    assert!(err.contains("boom"), "{err}");
    // Innermost frame first, with source lines from the line map.
    let inner = err.find(".t.main.inner").expect("inner frame");
    let run = err.find(".t.main.run").expect("run frame");
    assert!(inner < run, "{err}");
    assert!(err.contains("line 6"), "{err}");
    assert!(err.contains("line 10"), "{err}");
}

#[test]
fn compile_errors_exit_with_2() {
    let out = run_source(
        "bad",
        "package .t;\nclass main\n{\n    void run(var boot) [8]\n    {\n        x = ;\n    }\n};\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("could not compile"));
}

#[test]
fn a_class_without_method_8_is_explained() {
    let out = run_source(
        "noentry",
        "package .t;\nclass main\n{\n    void go() { }\n};\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("has no method with ordinal 8"));
}

#[test]
fn a_missing_class_is_explained() {
    let out = Command::new(PHANTOM)
        .args(["run", "--no-image", ".no.such.class"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("class .no.such.class not found"));
}

#[test]
fn arguments_reach_the_kernel_environment() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = std::env::temp_dir().join(format!("phantom-cli-env-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("env.ph");
    std::fs::write(
        &file,
        "package .t;\nclass main\n{\n    void run(var boot) [8]\n    {\n        var e : .internal.string[];\n        e = boot.23();\n        boot.16(\"\" + e.size() + \" \" + e[0] + \" \" + e[1] + \" \" + e[2] + \" \" + e[3] + \" \" + e[4] + \"\\n\");\n    }\n};\n",
    )
    .unwrap();
    let out = Command::new(PHANTOM)
        .current_dir(&root)
        .arg("run")
        .arg("--no-image")
        .arg(&file)
        .args(["a=1", "user=me", "root.init=.my.init"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "5 root.shell=.ru.dz.phantom.system.shell root.boot=.ru.dz.phantom.system.boot a=1 user=me root.init=.my.init\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn boot_sleep_sleeps() {
    let t = Instant::now();
    let out = run_source(
        "sleep",
        "package .t;\nclass main\n{\n    void run(var boot) [8]\n    {\n        boot.21(300);\n        boot.16(\"woke\\n\");\n    }\n};\n",
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "woke\n");
    assert!(t.elapsed() >= Duration::from_millis(300));
}

#[test]
fn classes_load_from_an_archive() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = std::env::temp_dir().join(format!("phantom-cli-archive-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = root.join("examples/hello.ph");
    let text = std::fs::read_to_string(&path).unwrap();
    let out = phantom_frontend::compile(&[phantom_frontend::SourceFile { path, text }], vec![]);
    assert!(!out.has_errors());
    let entries: Vec<_> = out
        .classes
        .iter()
        .map(|(_, c)| {
            let (cf, _) = codegen::emit::class_file(c, "1").unwrap();
            classfile::bulk::Entry::for_class(&c.info.name, cf.write())
        })
        .collect();
    let file = dir.join("classes");
    std::fs::write(&file, classfile::bulk::write(&entries).unwrap()).unwrap();
    let out = Command::new(PHANTOM)
        .arg("run")
        .arg("--no-image")
        .arg("-I")
        .arg(&file)
        .arg(".examples.hello")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "hello, 3 times\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
