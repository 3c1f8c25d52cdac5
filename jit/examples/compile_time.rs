//! Measures how long the JIT takes to compile a method: a loop-heavy
//! integer method like the benchmarks' hot loops (nested counted loops,
//! int and long arithmetic, a call) — `cargo run --release -p jit
//! --example compile_time`. Prints the median of 200 compilations.

use std::time::Instant;

use ir::code::{ArithOp, Code, Label, Op};
use ir::types::NumKind::{Int, Long};

fn method() -> Code {
    let mut ops = vec![Op::ArgCount(0), Op::StackReserve { obj: 1, int: 6 }];
    let mut labels = 0;
    // Four nested-loop blocks of int/long arithmetic.
    for k in 0..4 {
        let (outer, inner) = (Label(labels), Label(labels + 1));
        labels += 2;
        ops.extend([
            Op::IConst(Int, 100 + k),
            Op::Label(outer),
            Op::IConst(Int, 50),
            Op::Label(inner),
            Op::IsGet(Int, 1),
            Op::IsGet(Int, 2),
            Op::Arith(Int, ArithOp::Mul),
            Op::IConst(Int, 7),
            Op::Arith(Int, ArithOp::RemLu),
            Op::IsGet(Int, 1),
            Op::Arith(Int, ArithOp::Add),
            Op::IsSet(Int, 1),
            Op::IsGet(Long, 3),
            Op::IsGet(Int, 1),
            Op::Convert {
                from: Int,
                to: Long,
            },
            Op::Arith(Long, ArithOp::Add),
            Op::IsSet(Long, 3),
            Op::IsGet(Int, 2),
            Op::IConst(Int, 3),
            Op::Arith(Int, ArithOp::Lt),
            Op::IsSet(Int, 5),
            Op::Djnz(inner),
            Op::IsDrop(Int),
            Op::OsGet(0),
            Op::IsGet(Int, 1),
            Op::I2o(Int),
            Op::Call { ord: 9, nargs: 1 },
            Op::OsSet(0),
            Op::Djnz(outer),
            Op::IsDrop(Int),
        ]);
    }
    ops.extend([Op::OsGet(0), Op::Ret]);
    Code { ops, labels }
}

fn main() {
    let code = method();
    let n = code.ops.iter().filter(|o| !o.is_pseudo()).count();
    let mut jit = jit::Jit::new().expect("x86-64 back end");
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..200 {
        let t = Instant::now();
        let c = jit.compile(&code, 0).expect("supported");
        times.push(t.elapsed());
        size = c.code.len();
    }
    times.sort();
    println!(
        "{n} instructions -> {size} bytes of x86-64; compile time median {:?}, min {:?}, max {:?} (200 runs)",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
}
