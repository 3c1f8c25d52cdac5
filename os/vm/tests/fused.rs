//! Fused instructions (`code.rs`, `fuse`) mean what the instructions they
//! stand in for mean: the programs of `testsuite/run` that need only the
//! console print the same, with the heap checked after every time slice,
//! whether their methods run as compiled (with fused instructions) or with
//! a `nop` after every instruction, which leaves nothing to fuse.

mod support;

use std::collections::HashMap;
use std::path::Path;

use classfile::bytecode::{decode, encode};
use classfile::path::ClassDirs;
use classfile::records::{ClassFile, Record};
use ir::code::Op;
use phantom_frontend::SourceFile;
use support::{run_main, vm, End};

/// The class files of `src` (compiled against the class library), by name.
fn compile(path: &Path) -> HashMap<String, Vec<u8>> {
    let text = std::fs::read_to_string(path).unwrap();
    let out = phantom_frontend::compile_with(
        &[SourceFile {
            path: path.to_path_buf(),
            text,
        }],
        ClassDirs::new(Vec::new()).with_memory(phantom_stdlib::classes()),
    );
    assert!(!out.has_errors(), "{}: {:#?}", path.display(), out.diags);
    out.classes
        .iter()
        .map(|(_, c)| {
            let (cf, _) = codegen::emit::class_file(c, "20260101000000000").unwrap();
            (c.info.name.clone(), cf.write())
        })
        .collect()
}

/// The class file with a `nop` after every instruction of every method
/// (line maps dropped: their byte offsets no longer hold).
fn padded(bytes: &[u8]) -> Vec<u8> {
    let mut cf = ClassFile::parse(bytes).unwrap();
    cf.records.retain(|r| !matches!(r, Record::LineMap(_)));
    for r in &mut cf.records {
        if let Record::Method(m) = r {
            let ops = decode(&m.code).unwrap();
            let mut out = Vec::with_capacity(ops.len() * 2);
            for op in ops {
                let real = !op.is_pseudo();
                out.push(op);
                if real {
                    out.push(Op::Nop);
                }
            }
            m.code = encode(&out).unwrap().bytes;
        }
    }
    cf.write()
}

/// Runs the program's first class with these classes (and the library).
fn run(entry: &str, classes: &HashMap<String, Vec<u8>>) -> (End, String) {
    let mut all: HashMap<String, Vec<u8>> = phantom_stdlib::classes()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    all.extend(classes.iter().map(|(k, v)| (k.clone(), v.clone())));
    let (mut vm, out) = vm(1 << 22, all);
    let cls = vm
        .find_class(entry)
        .unwrap_or_else(|e| panic!("{entry}: {e:?}"));
    let end = run_main(&mut vm, cls, 100_000);
    let text = String::from_utf8_lossy(&out.lock().unwrap()).into_owned();
    (end, text)
}

/// The first class a source file declares (the one `phantom run` starts).
fn entry(src: &str) -> String {
    let package = src
        .lines()
        .find_map(|l| l.trim().strip_prefix("package "))
        .map(|p| p.trim_end_matches(';').trim().to_string())
        .unwrap_or_default();
    let class = src
        .lines()
        .find_map(|l| l.trim().strip_prefix("class "))
        .map(|c| c.split_whitespace().next().unwrap().to_string())
        .unwrap();
    format!("{package}.{class}")
}

#[test]
fn fused_and_unfused_code_print_the_same() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testsuite/run");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ph"))
        .collect();
    names.sort();
    let mut ran = 0;
    for path in names {
        let src = std::fs::read_to_string(&path).unwrap();
        // Only the console: no other threads, timers, sockets or windows
        // (and not the collector's stress test: the heap is checked after
        // every slice, which is slow there and not what this is about).
        let needs_more = [
            "native_",
            "thread",
            "sleep",
            "boot.18",
            "boot.21",
            "tcp",
            "udp",
            "gc_cycles",
        ]
        .iter()
        .any(|w| path.to_string_lossy().contains(w) || src.contains(w));
        let expected = path.with_extension("out");
        if needs_more || !expected.exists() || path.with_extension("err").exists() {
            continue;
        }
        let classes = compile(&path);
        let entry = entry(&src);
        let (end, text) = run(&entry, &classes);
        let pad: HashMap<String, Vec<u8>> = classes
            .iter()
            .map(|(k, v)| (k.clone(), padded(v)))
            .collect();
        let (pend, ptext) = run(&entry, &pad);
        assert_eq!(
            (&end, &text),
            (&pend, &ptext),
            "{}: fused and unfused code differ",
            path.display()
        );
        assert_eq!(
            text,
            std::fs::read_to_string(&expected).unwrap(),
            "{}",
            path.display()
        );
        ran += 1;
    }
    assert!(ran >= 100, "only {ran} programs ran");
}
