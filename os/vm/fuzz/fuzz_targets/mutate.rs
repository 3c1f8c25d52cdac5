//! Real class files, mutated: the corpus is seeded with the `.pc` files
//! compiled from `testsuite/compile/*.ph`, and a custom mutator keeps the
//! record structure valid while it changes one record at a time (a
//! method's code, a constant, a field or the header), so that mutations
//! reach the verifier and the interpreter instead of stopping at the record
//! layer. The class library (`stdlib-ph`) and the test classes are on the
//! class path (`PHANTOM_FUZZ_CLASSPATH`; `cargo xtask fuzz vm-mutate` sets
//! it up). The class is loaded, and method 8 run as in the `run`
//! target.
#![no_main]

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use classfile::records::{ClassFile, Record};
use libfuzzer_sys::{fuzz_mutator, fuzz_target, fuzzer_mutate};
use phantom_vm_fuzz::{check_heap, new_vm, run_threads, start};

/// The class path: every `.pc` under `$PHANTOM_FUZZ_CLASSPATH` (a
/// directory holding the compiled class library and the test programs).
fn class_path() -> &'static HashMap<String, Vec<u8>> {
    static CP: OnceLock<HashMap<String, Vec<u8>>> = OnceLock::new();
    CP.get_or_init(|| {
        let mut m = HashMap::new();
        let dir = std::env::var_os("PHANTOM_FUZZ_CLASSPATH").map(PathBuf::from);
        if let Some(dir) = dir {
            for e in std::fs::read_dir(&dir).expect("PHANTOM_FUZZ_CLASSPATH is a directory") {
                let p = e.expect("directory entry").path();
                if p.extension().is_some_and(|x| x == "pc") {
                    let bytes = std::fs::read(&p).expect("read a class file");
                    if let Ok(cf) = ClassFile::parse(&bytes) {
                        m.insert(cf.class.name.clone(), bytes);
                    }
                }
            }
        }
        m
    })
}

fuzz_target!(|data: &[u8]| {
    let mut vm = new_vm(class_path().clone());
    match vm.define_class(data) {
        Ok(cls) => {
            check_heap(&vm, "after loading");
            if start(&mut vm, cls) {
                run_threads(&mut vm, 10_000, 50);
            }
        }
        Err(e) => {
            let _ = e.to_string();
            check_heap(&vm, "after a refused class");
        }
    }
});

fn mutate_bytes(b: &mut Vec<u8>, extra: usize) {
    let len = b.len();
    b.resize(len + extra, 0);
    let n = fuzzer_mutate(b, len, len + extra);
    b.truncate(n);
}

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    let Ok(mut cf) = ClassFile::parse(&data[..size]) else {
        return fuzzer_mutate(data, size, max_size);
    };
    // One in eight mutations works on the raw bytes.
    if seed.is_multiple_of(8) || cf.records.is_empty() {
        return fuzzer_mutate(data, size, max_size);
    }
    let i = (seed as usize / 8) % cf.records.len();
    let room = max_size.saturating_sub(size).min(64);
    match &mut cf.records[i] {
        Record::Method(m) => {
            if seed % 5 == 1 {
                m.ordinal = (seed >> 8) % 24;
            } else {
                mutate_bytes(&mut m.code, room);
            }
        }
        Record::Const(c) => mutate_bytes(&mut c.bytes, room),
        Record::Field(f) => f.ordinal = (seed >> 8) % 12,
        Record::Signature(s) => {
            s.args.truncate(((seed >> 8) % 4) as usize);
        }
        Record::LineMap(l) => {
            if let Some(e) = l.entries.first_mut() {
                e.0 = i64::from(seed as i32);
            }
        }
        Record::Unknown { body, .. } => mutate_bytes(body, room),
    }
    if seed % 7 == 3 {
        cf.class.n_fields = (seed >> 4) % 10;
    }
    let out = cf.write();
    if out.len() > max_size {
        return fuzzer_mutate(data, size, max_size);
    }
    data[..out.len()].copy_from_slice(&out);
    out.len()
});
