//! Differential: the structured programs of the `run` target (see
//! `phantom_vm_fuzz::gen`) run twice, interpreted only and with every
//! method compiled by the JIT before it first runs (`JitMode::Always`),
//! with the same time slices. Both runs must print the same bytes, end
//! the same threads the same way (uncaught exceptions with their text and
//! backtrace), leave the same threads running and the same heap behind
//! (live cells and objects after a last collection).
#![no_main]

use std::sync::{Arc, Mutex};

use libfuzzer_sys::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use phantom_vm::jit::{ExecMemory, JitConfig, JitMode};
use phantom_vm_fuzz::gen::program;
use phantom_vm_fuzz::{new_vm_with_output, run_threads, start};

/// Everything a run shows.
#[derive(Debug, PartialEq)]
struct Outcome {
    loaded: Result<(), String>,
    out: Vec<u8>,
    ends: Vec<String>,
    alive: usize,
    heap: String,
}

fn run(p: &phantom_vm_fuzz::gen::Program, jit: bool) -> Outcome {
    let out = Arc::new(Mutex::new(Vec::new()));
    let mut vm = new_vm_with_output(p.class_path(), out.clone());
    if jit {
        let config = JitConfig {
            mode: JitMode::Always,
            ..JitConfig::default()
        };
        vm.enable_jit(config, ExecMemory::mmap()).expect("the JIT starts");
    }
    let mut ends = Vec::new();
    let loaded = match vm.define_class(&p.classes[0].1) {
        Ok(cls) => {
            if start(&mut vm, cls) {
                ends = run_threads(&mut vm, 10_000, 100);
            }
            Ok(())
        }
        Err(e) => Err(e.to_string()),
    };
    let alive = vm.threads.iter().filter(|t| t.is_some()).count();
    let heap = vm.heap.stats_text();
    let out = out.lock().expect("output").clone();
    Outcome {
        loaded,
        out,
        ends,
        alive,
        heap,
    }
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(p) = program(&mut u) else { return };
    let interpreted = run(&p, false);
    let compiled = run(&p, true);
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
