//! Helpers for the VM's integration tests: hand-built class files, a VM
//! with a recording host, and a runner for method 8.

#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use classfile::bytecode::encode;
use classfile::records::{
    ArgRec, ClassFile, ClassHeader, ConstRec, FieldRec, MethodCode, Record, Signature, TypeRec,
};
use ir::code::Op;
use phantom_vm::heap::VecRegion;
use phantom_vm::object::sys;
use phantom_vm::vm::LoadError;
use phantom_vm::{Exit, Host, Ref, Vm};

/// A host that records console output and serves a class map.
#[derive(Clone, Default)]
pub struct TestHost {
    pub out: Arc<Mutex<Vec<u8>>>,
    pub classes: HashMap<String, Vec<u8>>,
}

impl Host for TestHost {
    fn stdout(&mut self, b: &[u8]) {
        self.out.lock().unwrap().extend_from_slice(b);
    }
    fn stderr(&mut self, _: &[u8]) {}
    fn now_ms(&self) -> u64 {
        0
    }
    fn wall_ms(&self) -> u64 {
        0
    }
    fn class_file(&mut self, name: &str) -> Option<Vec<u8>> {
        self.classes.get(name).cloned()
    }
    fn class_names_ignoring_case(&mut self, name: &str) -> Vec<String> {
        let mut v: Vec<String> = self
            .classes
            .keys()
            .filter(|k| k.eq_ignore_ascii_case(name))
            .cloned()
            .collect();
        v.sort();
        v
    }
    fn read_line(&mut self) -> Option<Vec<u8>> {
        None
    }
}

/// A method to put in a class file.
pub struct M {
    pub ordinal: u32,
    pub name: &'static str,
    pub code: Vec<u8>,
    /// Arguments declared by an `S` record (none: no record).
    pub args: Option<u32>,
}

impl M {
    /// A method from ops (which must encode).
    pub fn ops(ordinal: u32, name: &'static str, ops: &[Op]) -> M {
        M {
            ordinal,
            name,
            code: encode(ops).expect("the test's ops encode").bytes,
            args: None,
        }
    }

    /// A method from raw code bytes.
    pub fn raw(ordinal: u32, name: &'static str, code: &[u8]) -> M {
        M {
            ordinal,
            name,
            code: code.to_vec(),
            args: None,
        }
    }

    /// Declares `n` arguments in an `S` record.
    pub fn args(mut self, n: u32) -> M {
        self.args = Some(n);
        self
    }
}

/// A class file with `fields` fields, string constants `consts` (ids
/// 0, 1, ...) and `methods`.
pub fn class_file(name: &str, fields: u32, consts: &[&[u8]], methods: Vec<M>) -> Vec<u8> {
    let mut records = Vec::new();
    for i in 0..fields {
        records.push(Record::Field(FieldRec {
            name: format!("f{i}"),
            ordinal: i,
            ty: TypeRec::default(),
        }));
    }
    for (id, b) in consts.iter().enumerate() {
        records.push(Record::Const(ConstRec {
            id: id as u32,
            ty: TypeRec {
                is_container: false,
                main: ".internal.string".into(),
                contained: String::new(),
            },
            bytes: b.to_vec(),
        }));
    }
    let n_methods = methods.iter().map(|m| m.ordinal + 1).max().unwrap_or(0);
    for m in methods {
        if let Some(n) = m.args {
            records.push(Record::Signature(Signature {
                name: m.name.into(),
                ordinal: m.ordinal,
                is_ctor: Some(false),
                ret: TypeRec::default(),
                args: (0..n)
                    .map(|i| ArgRec {
                        name: format!("a{i}"),
                        ty: TypeRec::default(),
                    })
                    .collect(),
            }));
        }
        records.push(Record::Method(MethodCode {
            name: m.name.into(),
            ordinal: m.ordinal,
            code: m.code,
        }));
    }
    ClassFile {
        class: ClassHeader {
            name: name.into(),
            n_fields: fields,
            n_methods,
            parent: String::new(),
            version: None,
        },
        records,
    }
    .write()
}

/// A fresh VM over a `cells`-cell region whose host serves `classes`;
/// also returns the console output.
pub fn vm(cells: usize, classes: HashMap<String, Vec<u8>>) -> (Vm, Arc<Mutex<Vec<u8>>>) {
    let out = Arc::new(Mutex::new(Vec::new()));
    let host = TestHost {
        out: Arc::clone(&out),
        classes,
    };
    (
        Vm::new(Box::new(VecRegion::new(cells)), Box::new(host), &[]),
        out,
    )
}

/// Loads one class into a fresh VM.
pub fn load(bytes: &[u8]) -> Result<(), LoadError> {
    let (mut vm, _) = vm(1 << 18, HashMap::new());
    vm.define_class(bytes).map(|_| ())
}

/// How a program ended.
#[derive(Debug, PartialEq, Eq)]
pub enum End {
    /// Method 8 returned.
    Done,
    /// It threw this (text of the exception).
    Threw(String),
}

/// Runs method 8 of a new instance of `cls` with a boot object to the end
/// (at most `slices` slices), checking the heap after every slice and
/// after a final collection.
pub fn run_main(vm: &mut Vm, cls: Ref, slices: u32) -> End {
    let obj = vm.new_instance(cls).expect("memory for the object");
    let boot = vm
        .new_instance(vm.internal[sys::BOOT])
        .expect("memory for boot");
    let id = vm.spawn(obj, 8, &[boot]).expect("method 8 exists") as usize;
    for _ in 0..slices {
        let mut th = vm.threads[id].take().expect("the thread");
        let exit = vm.run(&mut th, 10_000);
        let end = match exit {
            Exit::Budget | Exit::Block(_) => None,
            Exit::Done => Some(End::Done),
            Exit::Uncaught(x, _) => {
                let t = phantom_vm::native::text_of(vm, x);
                vm.heap.dec(x);
                Some(End::Threw(String::from_utf8_lossy(&t).into_owned()))
            }
        };
        match end {
            None => vm.threads[id] = Some(th),
            Some(e) => {
                assert!(
                    th.os.is_empty() && th.is.is_empty() && th.es.is_empty(),
                    "stacks left over: {th:?}"
                );
                let r = std::mem::take(&mut th.result);
                vm.heap.dec(r);
                vm.heap.dec(th.obj);
                check(vm);
                vm.collect(&[]);
                check(vm);
                return e;
            }
        }
        check(vm);
    }
    panic!("method 8 did not finish in {slices} slices");
}

/// Panics if the heap is damaged.
pub fn check(vm: &Vm) {
    let roots = vm.roots(&[]);
    if let Err(e) = vm.heap.check(&roots) {
        panic!("heap damaged: {e}");
    }
}

/// Loads `main` (with `others` on the class path) and runs its method 8.
pub fn run(main: &[u8], others: &[(&str, Vec<u8>)]) -> (End, String) {
    let classes = others
        .iter()
        .map(|(n, b)| (n.to_string(), b.clone()))
        .collect();
    let (mut vm, out) = vm(1 << 18, classes);
    let cls = vm.define_class(main).unwrap_or_else(|e| panic!("{e}"));
    let end = run_main(&mut vm, cls, 1000);
    let text = String::from_utf8_lossy(&out.lock().unwrap()).into_owned();
    (end, text)
}
