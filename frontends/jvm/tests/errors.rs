//! What the front end does not support is a compile-time error naming the
//! source file and line, the class, the method and the bytecode offset.
//! The programs are compiled by the real `javac` first.

use std::path::PathBuf;
use std::process::Command;

/// Compiles `src` (class `name`) with javac and then with the front end.
fn compile(name: &str, src: &str) -> Result<jvm_frontend::Output, jvm_frontend::Error> {
    let dir: PathBuf =
        std::env::temp_dir().join(format!("jvm-errors-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.java"));
    std::fs::write(&file, src).unwrap();
    let out = Command::new("javac")
        .arg("-d")
        .arg(&dir)
        .arg(&file)
        .output()
        .expect("javac is runnable (install openjdk-17-jdk-headless; cargo xtask ci does)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = jvm_frontend::compile_paths(&[dir.join(format!("{name}.class"))]);
    let _ = std::fs::remove_dir_all(&dir);
    r
}

#[test]
fn unsupported_bytecode_names_class_method_offset_and_line() {
    let e = compile(
        "Floats",
        "public class Floats {\n    public static void main(String[] a) {\n        int x = 1;\n        double d = x * 2.5;\n        System.out.println(d);\n    }\n}\n",
    )
    .unwrap_err();
    assert_eq!(e.class.as_deref(), Some("Floats"));
    assert_eq!(e.method.as_deref(), Some("main([Ljava/lang/String;)V"));
    assert_eq!(e.line, Some(4));
    assert!(e.offset.is_some_and(|o| o > 0), "{e:?}");
    let text = e.to_string();
    assert!(
        text.starts_with(
            "Floats.java:4: class Floats, method main([Ljava/lang/String;)V, bytecode offset "
        ),
        "{text}"
    );
    assert!(text.contains("not supported yet"), "{text}");
}

#[test]
fn library_method_references_and_unknown_library_methods_are_refused() {
    let e = compile(
        "MethodRef",
        "import java.util.function.Function;\npublic class MethodRef {\n    public static void main(String[] a) {\n        Function<String, String> f = String::intern;\n        System.out.println(f.apply(\"abc\"));\n    }\n}\n",
    )
    .unwrap_err();
    assert_eq!(e.line, Some(4), "{e}");
    assert!(
        e.to_string()
            .contains("method reference to java.lang.String.intern()Ljava/lang/String;"),
        "{e}"
    );
    let e = compile(
        "Intern",
        "public class Intern {\n    public static void main(String[] a) {\n        System.out.println(\"x\");\n        System.out.println(\"abc\".intern());\n    }\n}\n",
    )
    .unwrap_err();
    assert_eq!(e.line, Some(4), "{e}");
    assert!(e.to_string().contains("java.lang.String.intern()"), "{e}");
}

#[test]
fn a_supported_program_compiles_with_an_entry_method() {
    let out = compile(
        "Fine",
        "public class Fine {\n    static int f(int x) { return x * 3; }\n    public static void main(String[] a) {\n        System.out.println(f(14));\n    }\n}\n",
    )
    .unwrap();
    assert_eq!(out.mains, vec![".Fine".to_string()]);
    let fine = out.classes.iter().find(|c| c.name == ".Fine").unwrap();
    assert!(!fine.runtime);
    assert!(
        fine.listings.iter().any(|m| m.ordinal == 8),
        "no entry method"
    );
}

#[test]
fn malformed_class_files_are_errors_not_panics() {
    for bytes in [
        &b""[..],
        b"\xCA\xFE\xBA\xBE",
        b"not a class file at all",
        &[0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 61, 0, 0],
    ] {
        let e = jvm_frontend::compile(&[("Bad.class".to_string(), bytes.to_vec())]).unwrap_err();
        assert_eq!(e.file, "Bad.class");
    }
}

#[test]
fn corrupted_class_files_never_panic() {
    // Every single-byte corruption of a real class file (at a stride, with
    // a few values) is an error or a compiled class, never a panic.
    let dir = std::env::temp_dir().join(format!("jvm-corrupt-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let src =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testsuite/java/Calc.java");
    let out = Command::new("javac")
        .arg("-d")
        .arg(&dir)
        .arg(&src)
        .output()
        .expect("javac is runnable");
    assert!(out.status.success());
    let good = std::fs::read(dir.join("Calc.class")).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let mut tried = 0;
    for at in (0..good.len()).step_by(4) {
        for v in [0x00u8, 0xFF, 0x7F, 0xAA] {
            let mut bad = good.clone();
            if bad[at] == v {
                continue;
            }
            bad[at] = v;
            let r = std::panic::catch_unwind(|| {
                let _ = jvm_frontend::compile(&[("Calc.class".to_string(), bad.clone())]);
            });
            assert!(r.is_ok(), "panic with byte {at} set to {v:#04x}");
            tried += 1;
        }
    }
    assert!(tried > 800, "{tried}");
}
