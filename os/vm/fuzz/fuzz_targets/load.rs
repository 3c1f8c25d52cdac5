//! Arbitrary bytes as a class file: `Vm::define_class` on a fresh VM must
//! refuse them with a `LoadError` or load them; it must never panic. A
//! class that loads is instantiated and its method 8 run for a few slices.
#![no_main]

use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;
use phantom_vm_fuzz::{check_heap, new_vm, run_threads, start};

fuzz_target!(|data: &[u8]| {
    let mut vm = new_vm(HashMap::new());
    match vm.define_class(data) {
        Ok(cls) => {
            check_heap(&vm, "after loading");
            if start(&mut vm, cls) {
                run_threads(&mut vm, 10_000, 20);
            }
        }
        Err(e) => {
            // The message names what it can; rendering it must work.
            let text = e.to_string();
            assert!(text.starts_with("cannot load class"), "{text}");
            check_heap(&vm, "after a refused class");
        }
    }
});
