//! Links the kernel as a static, non-PIE image at 1 MiB and generates the
//! interrupt entry stubs (one per vector, so each knows its vector number).

use std::fmt::Write as _;
use std::path::PathBuf;

/// Vectors for which the CPU pushes an error code itself.
const ERROR_CODE_VECTORS: [u32; 10] = [8, 10, 11, 12, 13, 14, 17, 21, 29, 30];

fn main() {
    let dir =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let script = dir.join("linker.ld");
    println!("cargo:rerun-if-changed={}", script.display());
    println!("cargo:rerun-if-changed=build.rs");
    for arg in [
        format!("-T{}", script.display()),
        "-nostartfiles".into(),
        "-nostdlib".into(),
        "-static".into(),
        "-no-pie".into(),
        "-Wl,--build-id=none".into(),
        "-Wl,-z,max-page-size=0x1000".into(),
        "-Wl,--no-dynamic-linker".into(),
    ] {
        println!("cargo:rustc-link-arg-bins={arg}");
    }

    let mut asm = String::new();
    asm.push_str(".section .text.isr, \"ax\"\n");
    for v in 0..256u32 {
        writeln!(asm, "isr_stub_{v}:").unwrap();
        if !ERROR_CODE_VECTORS.contains(&v) {
            asm.push_str("    push 0\n");
        }
        writeln!(asm, "    push {v}\n    jmp isr_common").unwrap();
    }
    asm.push_str(
        ".section .rodata.isr, \"a\"\n.balign 8\n.global isr_stub_table\nisr_stub_table:\n",
    );
    for v in 0..256u32 {
        writeln!(asm, "    .quad isr_stub_{v}").unwrap();
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("isr_stubs.s"), asm).expect("write isr_stubs.s");
}
