//! Property test: random well-formed integer programs (straight-line code,
//! counted loops, branches; int and long) run by a small reference
//! evaluator written from the interpreter's semantics and by the JIT must
//! agree, on the final stacks, on the state at every safepoint stop (with
//! small budgets) and on division-by-zero faults.

use alloc::vec;
use alloc::vec::Vec;

use ir::code::{ArithOp, Code, Label, Op};
use ir::types::NumKind::{self, Int, Long};
use proptest::prelude::*;

use super::{code, Frame, Mock, PROBE};
use crate::loader::MmapAlloc;
use crate::runtime::Status;
use crate::Jit;

/// How a reference run stopped.
#[derive(Debug, PartialEq)]
enum Stop {
    /// The probe call saw this integer stack.
    Done(Vec<u32>),
    /// Division by zero, with pc and integer stack.
    Threw(u32, Vec<u32>),
    /// Out of budget at a backward jump: pc (the target) and stack.
    Yield(u32, Vec<u32>),
}

/// The interpreter's semantics for the ops the generator makes.
struct Reference<'a> {
    insns: Vec<&'a Op>,
    label_pc: Vec<usize>,
}

impl<'a> Reference<'a> {
    fn new(c: &'a Code) -> Self {
        let mut insns = Vec::new();
        let mut label_pc = vec![usize::MAX; c.labels as usize];
        for op in &c.ops {
            match op {
                Op::Label(l) => label_pc[l.0 as usize] = insns.len(),
                op if op.is_pseudo() => {}
                op => insns.push(op),
            }
        }
        Reference { insns, label_pc }
    }

    fn run(&self, is: &mut Vec<u32>, pc: &mut usize, budget: &mut i64) -> Stop {
        loop {
            let op = self.insns[*pc];
            *pc += 1;
            let jump = |t: &Label, pc: &mut usize, budget: &mut i64| -> bool {
                let t = self.label_pc[t.0 as usize];
                let back = t <= *pc;
                *pc = t;
                if back {
                    *budget -= 1;
                    return *budget <= 0;
                }
                false
            };
            match op {
                Op::StackReserve { int, .. } => is.extend(core::iter::repeat_n(0, *int as usize)),
                Op::IConst(k, v) => push(is, *k, i64::from(*v) as u64),
                Op::IConst64(v) => push(is, Long, *v as u64),
                Op::IsGet(k, p) => {
                    let p = *p as usize;
                    is.extend_from_within(p..p + k.cells() as usize)
                }
                Op::IsSet(k, p) => {
                    let v = pop(is, *k);
                    let p = *p as usize;
                    if k.cells() == 1 {
                        is[p] = v as u32;
                    } else {
                        is[p] = (v >> 32) as u32;
                        is[p + 1] = v as u32;
                    }
                }
                Op::IsDup(k) => {
                    let n = is.len() - k.cells() as usize;
                    is.extend_from_within(n..);
                }
                Op::IsDrop(k) => is.truncate(is.len() - k.cells() as usize),
                Op::Jmp(t) => {
                    if jump(t, pc, budget) {
                        return Stop::Yield(*pc as u32, is.clone());
                    }
                }
                Op::Jz(t) => {
                    if is.pop().unwrap() == 0 && jump(t, pc, budget) {
                        return Stop::Yield(*pc as u32, is.clone());
                    }
                }
                Op::Djnz(t) => {
                    let v = is.last_mut().unwrap();
                    *v = v.wrapping_sub(1);
                    if *v != 0 && jump(t, pc, budget) {
                        return Stop::Yield(*pc as u32, is.clone());
                    }
                }
                Op::Convert { from, to } => {
                    let v = pop(is, *from);
                    let v = if *from == Int {
                        v as u32 as i32 as i64 as u64
                    } else {
                        v
                    };
                    push(is, *to, v);
                }
                Op::Arith(k, a) => {
                    if let Err(()) = arith(is, *k, *a) {
                        return Stop::Threw(*pc as u32, is.clone());
                    }
                }
                Op::SummonNull => {}
                Op::Call { ord, .. } if *ord == PROBE => return Stop::Done(is.clone()),
                other => panic!("reference: unexpected {other:?}"),
            }
        }
    }
}

fn push(is: &mut Vec<u32>, k: NumKind, v: u64) {
    if k.cells() == 2 {
        is.push((v >> 32) as u32);
    }
    is.push(v as u32);
}

fn pop(is: &mut Vec<u32>, k: NumKind) -> u64 {
    let lo = u64::from(is.pop().unwrap());
    if k.cells() == 2 {
        (u64::from(is.pop().unwrap()) << 32) | lo
    } else {
        lo
    }
}

/// As `interp.rs`: `idiv`/`irem`/`ldiv`/`lrem` check before popping, the
/// generic path (`Ul` forms) after.
fn arith(is: &mut Vec<u32>, k: NumKind, op: ArithOp) -> Result<(), ()> {
    use ArithOp::*;
    let int = k == Int;
    let sx = |v: u64| {
        if int {
            v as u32 as i32 as i64
        } else {
            v as i64
        }
    };
    if matches!(op, DivLu | RemLu) {
        let top = pop(is, k);
        push(is, k, top);
        if top == 0 {
            return Err(());
        }
    }
    if matches!(op, Shl | Shr | Ushr) {
        let v = sx(pop(is, k));
        let c = is.pop().unwrap();
        let r = match (int, op) {
            (true, Shl) => (v as i32).wrapping_shl(c) as i64,
            (true, Shr) => (v as i32).wrapping_shr(c) as i64,
            (true, _) => (v as u32).wrapping_shr(c) as i32 as i64,
            (false, Shl) => v.wrapping_shl(c),
            (false, Shr) => v.wrapping_shr(c),
            (false, _) => (v as u64).wrapping_shr(c) as i64,
        };
        push(is, k, r as u64);
        return Ok(());
    }
    let (a, b) = if op.is_unary() {
        (sx(pop(is, k)), 0)
    } else {
        let b = sx(pop(is, k));
        (sx(pop(is, k)), b)
    };
    let w = |v: i64| if int { v as i32 as i64 } else { v };
    let r: i64 = match op {
        Add => w(a.wrapping_add(b)),
        Mul => w(a.wrapping_mul(b)),
        SubLu => w(a.wrapping_sub(b)),
        SubUl => w(b.wrapping_sub(a)),
        DivUl | RemUl if a == 0 => return Err(()),
        DivLu if int => (a as i32).wrapping_div(b as i32) as i64,
        RemLu if int => (a as i32).wrapping_rem(b as i32) as i64,
        DivUl if int => (b as i32).wrapping_div(a as i32) as i64,
        RemUl if int => (b as i32).wrapping_rem(a as i32) as i64,
        DivLu => a.wrapping_div(b),
        RemLu => a.wrapping_rem(b),
        DivUl => b.wrapping_div(a),
        RemUl => b.wrapping_rem(a),
        Or => a | b,
        And => a & b,
        Xor => a ^ b,
        Not => !a,
        LogOr => (a != 0 || b != 0) as i64,
        LogAnd => (a != 0 && b != 0) as i64,
        LogXor => ((a != 0) != (b != 0)) as i64,
        LogNot => (a == 0) as i64,
        Ge => (a >= b) as i64,
        Le => (a <= b) as i64,
        Gt => (a > b) as i64,
        Lt => (a < b) as i64,
        Shl | Shr | Ushr => unreachable!(),
    };
    if op.yields_int() {
        is.push(r as u32);
    } else {
        push(is, k, r as u64);
    }
    Ok(())
}

// ---- the generator

/// Locals: cells 1 and 2 are ints, 3..5 a long.
const INT_LOCALS: [u32; 2] = [1, 2];
const LONG_LOCAL: u32 = 3;

#[derive(Clone, Debug)]
enum Expr {
    Const(NumKind, i64),
    Local(NumKind, u32),
    Bin(NumKind, ArithOp, Box<Expr>, Box<Expr>),
    Un(NumKind, ArithOp, Box<Expr>),
    /// Shift: count (int), value.
    Shift(NumKind, ArithOp, Box<Expr>, Box<Expr>),
    /// Comparison of two `k` values: an int.
    Cmp(NumKind, ArithOp, Box<Expr>, Box<Expr>),
    Conv(NumKind, NumKind, Box<Expr>),
    Dup(NumKind, Box<Expr>),
}

#[derive(Clone, Debug)]
enum Stmt {
    Set(NumKind, u32, Expr),
    Loop(u8, Vec<Stmt>),
    If(Expr, Vec<Stmt>, Vec<Stmt>),
}

fn interesting(k: NumKind) -> BoxedStrategy<i64> {
    if k == Int {
        prop_oneof![
            Just(0i64),
            Just(1),
            Just(-1),
            Just(i64::from(i32::MIN)),
            Just(i64::from(i32::MAX)),
            -20i64..20,
            any::<i32>().prop_map(i64::from),
        ]
        .boxed()
    } else {
        prop_oneof![
            Just(0i64),
            Just(1),
            Just(-1),
            Just(i64::MIN),
            Just(i64::MAX),
            Just(1 << 32),
            -20i64..20,
            any::<i64>(),
        ]
        .boxed()
    }
}

fn expr(k: NumKind) -> BoxedStrategy<Expr> {
    let leaf = prop_oneof![
        interesting(k).prop_map(move |v| Expr::Const(k, v)),
        if k == Int {
            prop::sample::select(INT_LOCALS.to_vec())
                .prop_map(|p| Expr::Local(Int, p))
                .boxed()
        } else {
            Just(Expr::Local(Long, LONG_LOCAL)).boxed()
        },
    ];
    leaf.prop_recursive(4, 24, 2, move |inner| {
        use ArithOp::*;
        let bin_ops = vec![
            Add, Mul, SubUl, SubLu, DivUl, DivLu, RemUl, RemLu, Or, And, Xor, LogOr, LogAnd, LogXor,
        ];
        let other = if k == Int { Long } else { Int };
        let ints = if k == Int {
            inner.clone()
        } else {
            expr_leafish(Int)
        };
        let cmp_ops = vec![Ge, Le, Gt, Lt];
        let mut arms: Vec<(u32, BoxedStrategy<Expr>)> = vec![
            (
                4,
                (prop::sample::select(bin_ops), inner.clone(), inner.clone())
                    .prop_map(move |(o, a, b)| Expr::Bin(k, o, Box::new(a), Box::new(b)))
                    .boxed(),
            ),
            (
                1,
                (prop::sample::select(vec![Not, LogNot]), inner.clone())
                    .prop_map(move |(o, a)| Expr::Un(k, o, Box::new(a)))
                    .boxed(),
            ),
            (
                1,
                (
                    prop::sample::select(vec![Shl, Shr, Ushr]),
                    ints.clone(),
                    inner.clone(),
                )
                    .prop_map(move |(o, c, v)| Expr::Shift(k, o, Box::new(c), Box::new(v)))
                    .boxed(),
            ),
            (
                1,
                expr_leafish(other)
                    .prop_map(move |e| Expr::Conv(other, k, Box::new(e)))
                    .boxed(),
            ),
            (
                1,
                inner
                    .clone()
                    .prop_map(move |e| Expr::Dup(k, Box::new(e)))
                    .boxed(),
            ),
        ];
        if k == Int {
            // Comparisons give ints, of int or long operands.
            arms.push((
                1,
                (
                    prop::sample::select(cmp_ops.clone()),
                    inner.clone(),
                    inner.clone(),
                )
                    .prop_map(|(o, a, b)| Expr::Cmp(Int, o, Box::new(a), Box::new(b)))
                    .boxed(),
            ));
            arms.push((
                1,
                (
                    prop::sample::select(cmp_ops),
                    expr_leafish(Long),
                    expr_leafish(Long),
                )
                    .prop_map(|(o, a, b)| Expr::Cmp(Long, o, Box::new(a), Box::new(b)))
                    .boxed(),
            ));
        }
        prop::strategy::Union::new_weighted(arms)
    })
    .boxed()
}

fn expr_leafish(k: NumKind) -> BoxedStrategy<Expr> {
    prop_oneof![
        interesting(k).prop_map(move |v| Expr::Const(k, v)),
        Just(if k == Int {
            Expr::Local(Int, 1)
        } else {
            Expr::Local(Long, LONG_LOCAL)
        }),
    ]
    .boxed()
}

fn stmt() -> impl Strategy<Value = Stmt> {
    let set = prop_oneof![
        (prop::sample::select(INT_LOCALS.to_vec()), expr(Int))
            .prop_map(|(p, e)| Stmt::Set(Int, p, e)),
        expr(Long).prop_map(|e| Stmt::Set(Long, LONG_LOCAL, e)),
    ];
    set.prop_recursive(2, 12, 3, |inner| {
        prop_oneof![
            (1u8..5, prop::collection::vec(inner.clone(), 1..4))
                .prop_map(|(n, b)| Stmt::Loop(n, b)),
            (
                expr(Int),
                prop::collection::vec(inner.clone(), 0..3),
                prop::collection::vec(inner, 0..3)
            )
                .prop_map(|(c, t, e)| Stmt::If(c, t, e)),
        ]
    })
}

struct Gen {
    ops: Vec<Op>,
    labels: u32,
}

impl Gen {
    fn label(&mut self) -> Label {
        self.labels += 1;
        Label(self.labels - 1)
    }

    fn expr(&mut self, e: &Expr) {
        match e {
            Expr::Const(Int, v) => self.ops.push(Op::IConst(Int, *v as i32)),
            Expr::Const(_, v) => self.ops.push(Op::IConst64(*v)),
            Expr::Local(k, p) => self.ops.push(Op::IsGet(*k, *p)),
            Expr::Bin(k, o, a, b) | Expr::Cmp(k, o, a, b) => {
                self.expr(a);
                self.expr(b);
                self.ops.push(Op::Arith(*k, *o));
            }
            Expr::Un(k, o, a) => {
                self.expr(a);
                self.ops.push(Op::Arith(*k, *o));
            }
            Expr::Shift(k, o, c, v) => {
                self.expr(c);
                self.expr(v);
                self.ops.push(Op::Arith(*k, *o));
            }
            Expr::Conv(from, to, e) => {
                self.expr(e);
                self.ops.push(Op::Convert {
                    from: *from,
                    to: *to,
                });
            }
            Expr::Dup(k, e) => {
                self.expr(e);
                self.ops.push(Op::IsDup(*k));
                self.ops.push(Op::IsDrop(*k));
            }
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Set(k, p, e) => {
                self.expr(e);
                self.ops.push(Op::IsSet(*k, *p));
            }
            Stmt::Loop(n, body) => {
                let top = self.label();
                self.ops.push(Op::IConst(Int, i32::from(*n)));
                self.ops.push(Op::Label(top));
                for s in body {
                    self.stmt(s);
                }
                self.ops.push(Op::Djnz(top));
                self.ops.push(Op::IsDrop(Int));
            }
            Stmt::If(c, t, e) => {
                let (els, end) = (self.label(), self.label());
                self.expr(c);
                self.ops.push(Op::Jz(els));
                for s in t {
                    self.stmt(s);
                }
                self.ops.push(Op::Jmp(end));
                self.ops.push(Op::Label(els));
                for s in e {
                    self.stmt(s);
                }
                self.ops.push(Op::Label(end));
            }
        }
    }
}

fn program(stmts: &[Stmt]) -> Code {
    let mut g = Gen {
        ops: vec![Op::StackReserve { obj: 0, int: 4 }],
        labels: 0,
    };
    for s in stmts {
        g.stmt(s);
    }
    g.ops.extend([
        Op::SummonNull,
        Op::Call {
            ord: PROBE,
            nargs: 0,
        },
        Op::Ret,
    ]);
    code(g.ops)
}

fn check(stmts: &[Stmt], budget: i64) -> Result<(), TestCaseError> {
    let c = program(stmts);
    let compiled = Jit::new().unwrap().compile(&c, 0).unwrap();
    let loaded = MmapAlloc::load(&compiled).unwrap();
    let reference = Reference::new(&c);
    let mut f = Frame::new(&[], Mock::new());
    let (mut is, mut pc) = (vec![0u32], 0usize);
    // Run both, stop by stop, for at most 200 time slices.
    for _ in 0..200 {
        let mut b = budget;
        let want = reference.run(&mut is, &mut pc, &mut b);
        f.ctx.budget = budget;
        let st = unsafe { loaded.run(&mut f.ctx) };
        let got_is = f.is[..f.ctx.is_len as usize].to_vec();
        match want {
            Stop::Done(w) => {
                // The probe call counts against the budget (as calls do)
                // and may stop after it returns.
                prop_assert!(matches!(st, Status::Returned | Status::Yield), "{:?}", st);
                prop_assert_eq!(&f.mock.probes.last().unwrap().is, &w);
                return Ok(());
            }
            Stop::Threw(p, w) => {
                prop_assert_eq!(st, Status::Threw);
                prop_assert_eq!(f.ctx.pc, p);
                prop_assert_eq!(got_is, w);
                let x = f.ctx.exception as usize;
                prop_assert_eq!(
                    f.mock.obj(x as u32).text.as_deref(),
                    Some("division by zero")
                );
                return Ok(());
            }
            Stop::Yield(p, w) => {
                prop_assert_eq!(st, Status::Yield);
                prop_assert_eq!(f.ctx.pc, p);
                prop_assert_eq!(got_is, w);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn jit_agrees_with_reference(stmts in prop::collection::vec(stmt(), 1..6)) {
        check(&stmts, 1 << 40)?;
    }

    #[test]
    fn jit_agrees_with_reference_stopping_often(
        stmts in prop::collection::vec(stmt(), 1..6),
        budget in 1i64..4,
    ) {
        check(&stmts, budget)?;
    }
}
