//! Class names matched without regard to ASCII case when no class has the
//! exact name (the original compiler lower-cases the names it summons, so
//! its class files ask for `.test.tophantom.phantomprinter` where the class
//! is `.test.toPhantom.PhantomPrinter`): loaded classes, the test host's
//! class map, and directories and archives through `classfile::path::ClassDirs`.

mod support;

use std::collections::HashMap;
use std::path::PathBuf;

use classfile::bulk;
use classfile::path::ClassDirs;
use ir::code::{Op, Summon};
use phantom_vm::heap::VecRegion;
use phantom_vm::{Host, Vm};
use support::{class_file, run, run_main, End, M};

/// A class whose method 9 returns `text`.
fn says(name: &str, text: &str) -> Vec<u8> {
    class_file(
        name,
        0,
        &[],
        vec![M::ops(
            9,
            "say",
            &[
                Op::ArgCount(0),
                Op::SConst(text.as_bytes().to_vec()),
                Op::Ret,
            ],
        )],
    )
}

/// A main class that makes an object of each class named, calls its
/// method 9 and prints the result.
fn summoner(names: &[&str]) -> Vec<u8> {
    let mut ops = vec![Op::ArgCount(1)];
    for n in names {
        ops.extend([
            Op::OsGet(0),
            Op::SummonClass(Summon::ByName(n.to_string())),
            Op::New,
            Op::Call { ord: 9, nargs: 0 },
            Op::Call { ord: 16, nargs: 1 },
            Op::OsDrop,
        ]);
    }
    ops.push(Op::Ret);
    class_file(".t.main", 0, &[], vec![M::ops(8, "main", &ops)])
}

#[test]
fn a_summoned_name_in_lower_case_finds_the_class() {
    let printer = says(".test.toPhantom.PhantomPrinter", "printed");
    let (end, out) = run(
        &summoner(&[".test.tophantom.phantomprinter"]),
        &[(".test.toPhantom.PhantomPrinter", printer)],
    );
    assert_eq!(end, End::Done);
    assert_eq!(out, "printed");
}

#[test]
fn the_exact_name_wins_and_several_matches_are_refused() {
    let others = [
        (".t.foo", says(".t.foo", "lower ")),
        (".t.Foo", says(".t.Foo", "upper ")),
    ];
    let (end, out) = run(&summoner(&[".t.foo", ".t.Foo"]), &others);
    assert_eq!(end, End::Done);
    assert_eq!(out, "lower upper ");
    // Neither is `.t.FOO`: which one was meant cannot be told.
    let (end, out) = run(&summoner(&[".t.FOO"]), &others);
    assert_eq!(out, "");
    match end {
        End::Threw(t) => assert!(t.contains(".t.FOO") && t.contains(".t.Foo, .t.foo"), "{t}"),
        e => panic!("{e:?}"),
    }
}

#[test]
fn loaded_classes_and_parents_are_found_ignoring_case() {
    let (mut vm, out) = support::vm(1 << 18, HashMap::new());
    let loaded = vm
        .define_class(&says(".t.Loaded", "loaded"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(vm.find_class(".t.LOADED"), Ok(loaded));
    assert_eq!(vm.find_class(".t.loaded"), Ok(loaded));
    // Internal classes too.
    let string = vm.find_class(".internal.string").unwrap();
    assert_eq!(vm.find_class(".Internal.String"), Ok(string));
    // A parent named in another case.
    let mut child = classfile::records::ClassFile::parse(&summoner(&[".t.loaded"])).unwrap();
    child.class.parent = ".T.loaded".into();
    let cls = vm
        .define_class(&child.write())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(run_main(&mut vm, cls, 100), End::Done);
    assert_eq!(out.lock().unwrap().as_slice(), b"loaded");
    // A name that matches nothing at all is still not found.
    let e = vm.find_class(".t.nothing").unwrap_err();
    assert_eq!(e, "class .t.nothing not found");
}

/// A fresh directory for one test.
fn scratch(test: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("class-names-{test}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn class_dirs_match_file_and_archive_names_ignoring_case() {
    let root = scratch("dirs");
    let (a, b) = (root.join("a"), root.join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    std::fs::write(
        a.join("test.toPhantom.PhantomPrinter.pc"),
        says(".test.toPhantom.PhantomPrinter", "a"),
    )
    .unwrap();
    std::fs::write(a.join("x.Twice.pc"), b"a").unwrap();
    std::fs::write(b.join("x.TWICE.pc"), b"b").unwrap();
    std::fs::write(b.join("x.twice.pc"), b"b2").unwrap();
    let archive = root.join("classes.bulk");
    let entries = [bulk::Entry {
        name: "test/toPhantom/Archived".into(),
        data: b"archived".to_vec(),
    }];
    std::fs::write(&archive, bulk::write(&entries).unwrap()).unwrap();
    let mut cp = ClassDirs::new(vec![a.clone(), b.clone(), archive]);

    // Exact names only.
    assert!(cp.class_file(".test.toPhantom.PhantomPrinter").is_some());
    assert_eq!(cp.class_file(".test.tophantom.phantomprinter"), None);
    assert_eq!(cp.class_file(".x.twice").as_deref(), Some(&b"b2"[..]));
    assert_eq!(
        cp.class_file(".test.toPhantom.Archived").as_deref(),
        Some(&b"archived"[..])
    );
    assert_eq!(cp.class_file(".test.tophantom.archived"), None);

    // Ignoring case: every spelling, each found by `class_file`.
    assert_eq!(
        cp.names_ignoring_case(".test.tophantom.phantomprinter"),
        [".test.toPhantom.PhantomPrinter"]
    );
    assert_eq!(
        cp.names_ignoring_case(".X.TWICE"),
        [".x.TWICE", ".x.Twice", ".x.twice"]
    );
    assert_eq!(
        cp.names_ignoring_case("test.TOPHANTOM.archived"),
        [".test.toPhantom.Archived"]
    );
    assert_eq!(
        cp.class_file(".test.toPhantom.Archived").as_deref(),
        Some(&b"archived"[..])
    );
    assert!(cp.names_ignoring_case(".nothing").is_empty());

    // A file added after the listing was read is found.
    std::fs::write(a.join("y.Late.pc"), b"late").unwrap();
    assert_eq!(cp.names_ignoring_case(".y.late"), [".y.Late"]);
    let _ = std::fs::remove_dir_all(&root);
}

/// A host serving classes from `ClassDirs`, as a hosted runtime would.
struct DirHost(ClassDirs);

impl Host for DirHost {
    fn stdout(&mut self, _: &[u8]) {}
    fn stderr(&mut self, _: &[u8]) {}
    fn now_ms(&self) -> u64 {
        0
    }
    fn wall_ms(&self) -> u64 {
        0
    }
    fn class_file(&mut self, name: &str) -> Option<Vec<u8>> {
        self.0.class_file(name)
    }
    fn class_names_ignoring_case(&mut self, name: &str) -> Vec<String> {
        self.0.names_ignoring_case(name)
    }
    fn read_line(&mut self) -> Option<Vec<u8>> {
        None
    }
}

#[test]
fn the_vm_loads_from_a_directory_ignoring_case() {
    let dir = scratch("vm");
    std::fs::write(
        dir.join("test.toPhantom.PhantomPrinter.pc"),
        says(".test.toPhantom.PhantomPrinter", "from a directory"),
    )
    .unwrap();
    let host = DirHost(ClassDirs::new(vec![dir.clone()]));
    let mut vm = Vm::new(Box::new(VecRegion::new(1 << 18)), Box::new(host), &[]);
    let c = vm
        .find_class(".test.tophantom.phantomprinter")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(vm.find_class(".test.toPhantom.PhantomPrinter"), Ok(c));
    let _ = std::fs::remove_dir_all(&dir);
}
