//! Structured programs (see `phantom_vm_fuzz::gen`): generated op sequences
//! encoded into one or two class files, loaded, and method 8 of the main
//! class run with a boot object for at most 100 slices of 10,000 calls and
//! backward jumps, with every thread it starts. The VM may refuse the class
//! or throw; it must never panic, and the heap must stay intact (checked
//! between slices and after a final collection). With `PHANTOM_FUZZ_SHOW`
//! set, the generated classes are disassembled to stderr.
#![no_main]

use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use phantom_vm_fuzz::gen::program;
use phantom_vm_fuzz::{check_heap, new_vm, run_threads, start};

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(p) = program(&mut u) else { return };
    if std::env::var_os("PHANTOM_FUZZ_SHOW").is_some() {
        // Shows the program of an input (to turn a crash into a test).
        for (name, bytes) in &p.classes {
            eprintln!(
                "==== {name}\n{}",
                classfile::disassemble(bytes).unwrap_or_else(|e| e.to_string())
            );
        }
    }
    let mut vm = new_vm(p.class_path());
    match vm.define_class(&p.classes[0].1) {
        Ok(cls) => {
            if start(&mut vm, cls) {
                run_threads(&mut vm, 10_000, 100);
            }
        }
        Err(e) => {
            let _ = e.to_string();
            check_heap(&vm, "after a refused class");
        }
    }
});
