//! How many generated programs load (pass the verifier) and how they end:
//! `cargo run --release --example genstats -- DIR` over a corpus.

use libfuzzer_sys::arbitrary::Unstructured;
use phantom_vm_fuzz::gen::program;
use phantom_vm_fuzz::new_vm;

fn main() {
    let dir = std::env::args().nth(1).expect("a corpus directory");
    let (mut total, mut loaded, mut refused) =
        (0, 0, std::collections::BTreeMap::<String, u32>::new());
    for e in std::fs::read_dir(dir).expect("a directory") {
        let data = std::fs::read(e.expect("entry").path()).expect("a file");
        let mut u = Unstructured::new(&data);
        let Ok(p) = program(&mut u) else { continue };
        total += 1;
        let mut vm = new_vm(p.class_path());
        match vm.define_class(&p.classes[0].1) {
            Ok(_) => loaded += 1,
            Err(e) => {
                let m = e
                    .message
                    .split(|c: char| c.is_ascii_digit())
                    .next()
                    .unwrap_or("")
                    .to_string();
                *refused.entry(m).or_default() += 1;
            }
        }
    }
    println!("{total} programs, {loaded} loaded");
    for (m, n) in refused {
        println!("{n:6} {m}");
    }
}
