//! `phantom run`'s class path: the built-in class library without `-I`,
//! `-I` entries before it, and names that differ only in case.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PHANTOM: &str = env!("CARGO_BIN_EXE_phantom");

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("phantom-cp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Compiles `src` against the class library and writes its class files into `dir`.
fn compile_into(dir: &Path, src: &str) {
    compile_with_path(dir, src, Vec::new())
}

/// Compiles `src` against `include`, then the class library, into `dir`.
fn compile_with_path(dir: &Path, src: &str, include: Vec<PathBuf>) {
    let out = phantom_frontend::compile_with(
        &[phantom_frontend::SourceFile {
            path: "t.ph".into(),
            text: src.to_string(),
        }],
        classfile::path::ClassDirs::new(include).with_memory(phantom_stdlib::classes()),
    );
    assert!(!out.has_errors(), "{:#?}", out.diags);
    for (_, c) in &out.classes {
        let (cf, _) = codegen::emit::class_file(c, "20261203000000000").unwrap();
        let name = c.info.name.trim_start_matches('.');
        std::fs::write(dir.join(format!("{name}.pc")), cf.write()).unwrap();
    }
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(PHANTOM)
        .current_dir(dir)
        .arg("run")
        .arg("--no-image")
        .args(args)
        .output()
        .unwrap()
}

fn show(o: &Output) -> String {
    format!(
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status,
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
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
fn a_compiled_program_finds_the_class_library_without_flags() {
    let d = temp_dir("lib");
    std::fs::create_dir_all(d.join("out")).unwrap();
    compile_into(&d.join("out"), ZOO);
    let o = run(&d, &["-I", "out", ".demo.zoo"]);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "cat says meow\n");
}

#[test]
fn a_class_path_entry_wins_over_the_class_library() {
    // A user's own `.phantom.util.hashmap` whose `get` answers differently.
    let d = temp_dir("wins");
    std::fs::create_dir_all(d.join("mine")).unwrap();
    compile_into(
        &d.join("mine"),
        r#"package .phantom.util;
        class hashmap {
            void put(var key : .internal.object, var val : .internal.object) { }
            .internal.object get(var key : .internal.object) { return "my own map"; }
        };"#,
    );
    std::fs::write(d.join("zoo.ph"), ZOO).unwrap();
    let o = run(&d, &["-I", "mine", "zoo.ph"]);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "cat says my own map\n");
    // Compiled separately (against the same class path, since ordinals
    // come from the classes compiled against) and run by class name, too.
    std::fs::create_dir_all(d.join("out")).unwrap();
    compile_with_path(&d.join("out"), ZOO, vec![d.join("mine")]);
    let o = run(&d, &["-I", "mine", "-I", "out", ".demo.zoo"]);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "cat says my own map\n",
        "{}",
        show(&o)
    );
}

#[test]
fn a_class_summoned_in_lower_case_is_found_in_a_directory() {
    let d = temp_dir("case");
    std::fs::create_dir_all(d.join("lib")).unwrap();
    compile_into(
        &d.join("lib"),
        r#"package .test.toPhantom;
        class PhantomPrinter { string hello() { return "hello from PhantomPrinter"; } };"#,
    );
    assert!(d.join("lib/test.toPhantom.PhantomPrinter.pc").is_file());
    // The program names the class in lower case, as the original compiler's
    // class files do; plc finds it ignoring case, and so must the VM.
    std::fs::write(
        d.join("use.ph"),
        r#"package .demo;
        class use {
            void run(var boot) [8] {
                var p : .test.tophantom.phantomprinter;
                p = new .test.tophantom.phantomprinter();
                boot.16(p.hello() + "\n");
            }
        };"#,
    )
    .unwrap();
    let o = run(&d, &["-I", "lib", "use.ph"]);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "hello from PhantomPrinter\n"
    );
}
