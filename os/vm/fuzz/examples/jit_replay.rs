//! Replays inputs of the differential `jit` target without libFuzzer:
//! `cargo run --release --example jit_replay -- FILE...` prints, for each,
//! how long the interpreted and the compiled run took and whether they
//! agree (the outcomes when they do not).

use std::time::Instant;

use libfuzzer_sys::arbitrary::Unstructured;
use phantom_vm_fuzz::gen::program;
use phantom_vm_fuzz::run_program;

fn main() {
    for f in std::env::args().skip(1) {
        let data = std::fs::read(&f).expect("an input file");
        let Ok(p) = program(&mut Unstructured::new(&data)) else {
            println!("{f}: no program");
            continue;
        };
        let t = Instant::now();
        let a = run_program(&p, false);
        let ta = t.elapsed();
        let t = Instant::now();
        let b = run_program(&p, true);
        let tb = t.elapsed();
        println!(
            "{f}: interpreted {ta:?}, compiled {tb:?}, {}",
            if a == b { "same" } else { "DIFFERENT" }
        );
        if a != b {
            println!("--- interpreted\n{a:#?}\n--- compiled\n{b:#?}");
        }
    }
}
