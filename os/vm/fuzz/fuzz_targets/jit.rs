//! Differential: the structured programs of the `run` target (see
//! `phantom_vm_fuzz::gen`) run twice, interpreted only and with every
//! method compiled by the JIT before it first runs (`JitMode::Always`),
//! with the same time slices (`phantom_vm_fuzz::run_program`). Both runs
//! must print the same bytes, end the same threads the same way (uncaught
//! exceptions with their text and backtrace), leave the same threads
//! running and the same heap behind (the heap's statistics after a last
//! collection: allocations, collections, live bytes).
#![no_main]

use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use phantom_vm_fuzz::differential;
use phantom_vm_fuzz::gen::program;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(p) = program(&mut u) else { return };
    let (interpreted, compiled) = differential(&p);
    if interpreted != compiled {
        for (name, bytes) in &p.classes {
            eprintln!(
                "==== {name}\n{}",
                classfile::disassemble(bytes).unwrap_or_else(|e| e.to_string())
            );
        }
        panic!("the JIT differs from the interpreter:\n--- interpreted\n{interpreted:#?}\n--- compiled\n{compiled:#?}");
    }
});
