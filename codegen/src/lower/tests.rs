//! Hand-built trees for every node kind: exact op sequences, encode→decode
//! round trips through `classfile`, and execution of the control-flow
//! shapes on a small model of the VM's stacks.

use std::collections::HashMap;

use classfile::bytecode::{decode, encode};
use ir::code::{ArithOp, Label, Op, Summon};
use ir::tree::{Local, Node, NodeKind, Place, SwitchItem, Target};
use ir::types::{NumKind, Type};
use ir::{Arg, Method, MethodSig};

use super::*;

use ArithOp::*;
use NumKind::{Double, Float, Int, Long};

// ---------------------------------------------------------------- builders

fn nd(kind: NodeKind) -> Node {
    Node::new(kind, Type::Void, 1)
}
fn at(line: u32, kind: NodeKind) -> Node {
    Node::new(kind, Type::Void, line)
}
fn bx(n: Node) -> Box<Node> {
    Box::new(n)
}
fn int(v: i32) -> Node {
    Node::new(NodeKind::IntConst(v), Type::INT, 1)
}
fn ilocal(name: &str, slot: u32) -> Local {
    Local {
        name: name.into(),
        slot,
        place: Place::Int(Int),
    }
}
fn klocal(name: &str, slot: u32, k: NumKind) -> Local {
    Local {
        name: name.into(),
        slot,
        place: Place::Int(k),
    }
}
fn olocal(name: &str, slot: u32) -> Local {
    Local {
        name: name.into(),
        slot,
        place: Place::Obj,
    }
}
fn get(l: &Local) -> Node {
    nd(NodeKind::GetLocal(l.clone()))
}
fn set(l: &Local, v: Node) -> Node {
    nd(NodeKind::Assign {
        target: Target::Local(l.clone()),
        value: bx(v),
        keep: false,
    })
}
fn boxed(v: Node) -> Node {
    nd(NodeKind::Box(Int, bx(v)))
}
fn unboxed(v: Node) -> Node {
    nd(NodeKind::Unbox(Int, bx(v)))
}
fn arith(op: ArithOp, a: Node, b: Node) -> Node {
    nd(NodeKind::Arith {
        op,
        kind: Int,
        lhs: bx(a),
        rhs: Some(bx(b)),
    })
}
fn seq(items: Vec<Node>) -> Node {
    nd(NodeKind::Seq(items))
}
fn discard(v: Node) -> Node {
    nd(NodeKind::Discard(bx(v)))
}
fn call(recv: Node, ordinal: u32, args: Vec<Node>) -> Node {
    nd(NodeKind::Call {
        receiver: bx(recv),
        name: None,
        ordinal,
        args,
    })
}
fn this() -> Node {
    nd(NodeKind::This)
}
fn null() -> Node {
    nd(NodeKind::Null)
}
fn ret(v: Node) -> Node {
    nd(NodeKind::Return(Some(bx(v))))
}

fn method(body: Option<Node>, nargs: usize, obj_slots: u32, int_slots: u32) -> Method {
    Method {
        sig: MethodSig {
            name: "m".into(),
            ordinal: 16,
            is_ctor: false,
            ret: Type::Unknown,
            args: (0..nargs)
                .map(|i| Arg {
                    name: format!("a{i}"),
                    ty: Type::Unknown,
                })
                .collect(),
        },
        obj_slots,
        int_slots,
        body,
    }
}

fn l(n: u32) -> Label {
    Label(n)
}

// ---------------------------------------------------------------- checks

/// Real ops with every jump retargeted to the index of the instruction its
/// label precedes, so label numbering and placement do not matter.
fn canon(ops: &[Op]) -> Vec<Op> {
    let mut pos = HashMap::new();
    let mut idx = 0u32;
    for op in ops {
        match op {
            Op::Label(l) => {
                pos.insert(*l, idx);
            }
            o if o.is_pseudo() => {}
            _ => idx += 1,
        }
    }
    let at = |l: &Label| Label(pos[l]);
    ops.iter()
        .filter(|o| !o.is_pseudo())
        .map(|o| match o {
            Op::Jz(t) => Op::Jz(at(t)),
            Op::Jmp(t) => Op::Jmp(at(t)),
            Op::Djnz(t) => Op::Djnz(at(t)),
            Op::PushCatcher(t) => Op::PushCatcher(at(t)),
            other => other.clone(),
        })
        .collect()
}

/// Encodes, decodes and compares.
fn round_trip(ops: &[Op]) {
    let enc = encode(ops).expect("encodes");
    let dec = decode(&enc.bytes).expect("decodes");
    assert_eq!(canon(ops), canon(&dec), "round trip of {ops:?}");
}

/// Lowers `body` in a method with the given slots and checks the round trip.
fn lower_full(body: Node, nargs: usize, obj: u32, int: u32) -> Vec<Op> {
    let code = lower_method(&method(Some(body), nargs, obj, int)).expect("lowers");
    // Every allocated label is placed exactly once.
    let placed: Vec<_> = code
        .ops
        .iter()
        .filter_map(|o| match o {
            Op::Label(l) => Some(l.0),
            _ => None,
        })
        .collect();
    let mut sorted = placed.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, (0..code.labels).collect::<Vec<_>>());
    round_trip(&code.ops);
    code.ops
}

/// The body's ops without `Line`/`Comment`, prologue `arg_count 0` and the
/// fall-out `ret`.
fn body(b: Node) -> Vec<Op> {
    let ops = lower_full(b, 0, 0, 0);
    assert_eq!(ops.first(), Some(&Op::ArgCount(0)));
    assert_eq!(ops.last(), Some(&Op::Ret));
    ops[1..ops.len() - 1]
        .iter()
        .filter(|o| !matches!(o, Op::Line(_) | Op::Comment(_)))
        .cloned()
        .collect()
}

fn lower_err(b: Node) -> LowerErrorKind {
    lower_method(&method(Some(b), 0, 0, 0))
        .expect_err("must fail")
        .kind
}

// ---------------------------------------------------------------- VM model

#[derive(Clone, Debug, PartialEq)]
enum Val {
    Zero,
    Null,
    Int(i32),
    Arr(Vec<Val>),
}

#[derive(Debug)]
struct Run {
    ret: Val,
    os: Vec<Val>,
    is: Vec<i32>,
}

/// Executes int-kind code with a model of the VM's stacks (`bytecode.md`
/// §2); containers are arrays (`get` 10, `set` 11, `size` 12).
fn run(ops: &[Op], args: Vec<Val>) -> Run {
    let mut labels = HashMap::new();
    for (i, op) in ops.iter().enumerate() {
        if let Op::Label(l) = op {
            labels.insert(*l, i);
        }
    }
    let mut is = vec![args.len() as i32];
    let mut os = args;
    let mut pc = 0;
    for _ in 0..100_000 {
        let op = &ops[pc];
        pc += 1;
        match op {
            Op::Label(_) | Op::Line(_) | Op::Comment(_) => {}
            Op::ArgCount(n) => assert_eq!(is.pop(), Some(i32::from(*n))),
            Op::StackReserve { obj, int } => {
                os.extend((0..*obj).map(|_| Val::Zero));
                is.extend((0..*int).map(|_| 0));
            }
            Op::IConst(Int, v) => is.push(*v),
            Op::IsGet(Int, p) => is.push(is[*p as usize]),
            Op::IsSet(Int, p) => {
                let v = is.pop().unwrap();
                is[*p as usize] = v;
            }
            Op::IsDup(Int) => is.push(*is.last().unwrap()),
            Op::IsDrop(Int) => {
                is.pop().unwrap();
            }
            Op::OsGet(p) => os.push(os[*p as usize].clone()),
            Op::OsSet(p) => {
                let v = os.pop().unwrap();
                os[*p as usize] = v;
            }
            Op::OsDup => os.push(os.last().unwrap().clone()),
            Op::OsDrop => {
                os.pop().unwrap();
            }
            Op::SummonNull => os.push(Val::Null),
            Op::I2o(Int) => {
                let v = is.pop().unwrap();
                os.push(Val::Int(v));
            }
            Op::O2i(Int) => match os.pop().unwrap() {
                Val::Int(v) => is.push(v),
                other => panic!("o2i of {other:?}"),
            },
            Op::Arith(Int, op) => {
                let b = is.pop().unwrap();
                let r = if op.is_unary() {
                    match op {
                        LogNot => i32::from(b == 0),
                        Not => !b,
                        _ => unreachable!(),
                    }
                } else {
                    let a = is.pop().unwrap();
                    match op {
                        Add => a.wrapping_add(b),
                        SubLu => a.wrapping_sub(b),
                        Mul => a.wrapping_mul(b),
                        Lt => i32::from(a < b),
                        Gt => i32::from(a > b),
                        Le => i32::from(a <= b),
                        Ge => i32::from(a >= b),
                        LogAnd => i32::from(a != 0 && b != 0),
                        LogOr => i32::from(a != 0 || b != 0),
                        other => panic!("no model for {other:?}"),
                    }
                };
                is.push(r);
            }
            Op::Jz(t) => {
                if is.pop().unwrap() == 0 {
                    pc = labels[t];
                }
            }
            Op::Jmp(t) => pc = labels[t],
            Op::Call { ord, nargs } => {
                let n = *nargs as usize;
                let args = os.split_off(os.len() - n);
                let this = os.pop().unwrap();
                let r = match (ord, this, args.as_slice()) {
                    (10, Val::Arr(a), [Val::Int(i)]) => a[*i as usize].clone(),
                    (12, Val::Arr(a), []) => Val::Int(a.len() as i32),
                    (4, x, [y]) => Val::Int(i32::from(x == *y)),
                    other => panic!("no model for call {other:?}"),
                };
                os.push(r);
            }
            Op::Ret => {
                let ret = os.pop().unwrap_or(Val::Null);
                return Run { ret, os, is };
            }
            other => panic!("no model for {other:?}"),
        }
    }
    panic!("did not terminate");
}

/// Lowers and runs a method with `obj` object slots (arguments included)
/// and `int` int cells.
fn exec(b: Node, args: Vec<Val>, obj: u32, int: u32) -> Run {
    let ops = lower_full(b, args.len(), obj, int);
    run(&ops, args)
}

// ---------------------------------------------------------------- prologue

#[test]
fn bodiless_method_is_a_bare_ret() {
    let code = lower_method(&method(None, 3, 9, 9)).unwrap();
    assert_eq!(code.ops, vec![Op::Ret]);
}

#[test]
fn prologue_reserves_only_non_argument_slots() {
    let ops = lower_full(seq(vec![]), 2, 5, 3);
    assert_eq!(
        ops,
        vec![
            Op::ArgCount(2),
            Op::StackReserve { obj: 3, int: 3 },
            Op::Ret
        ]
    );
    let ops = lower_full(seq(vec![]), 1, 1, 0);
    assert_eq!(ops, vec![Op::ArgCount(1), Op::Ret]);
    let ops = lower_full(seq(vec![]), 0, 0, 2);
    assert_eq!(
        ops,
        vec![
            Op::ArgCount(0),
            Op::StackReserve { obj: 0, int: 2 },
            Op::Ret
        ]
    );
    let ops = lower_full(seq(vec![]), 255, 255 + 255, 255);
    assert_eq!(ops[1], Op::StackReserve { obj: 255, int: 255 });
}

#[test]
fn prologue_counts_must_fit_a_byte() {
    let e = |nargs, obj, int| {
        lower_method(&method(Some(seq(vec![])), nargs, obj, int))
            .unwrap_err()
            .kind
    };
    assert!(matches!(
        e(0, 256, 0),
        LowerErrorKind::TooManySlots {
            what: "object locals",
            count: 256
        }
    ));
    assert!(matches!(
        e(0, 0, 256),
        LowerErrorKind::TooManySlots {
            what: "integer cells",
            ..
        }
    ));
    assert!(matches!(
        e(256, 300, 0),
        LowerErrorKind::TooManySlots {
            what: "arguments",
            ..
        }
    ));
    assert_eq!(
        e(2, 1, 0),
        LowerErrorKind::SlotsBelowArgs {
            obj_slots: 1,
            nargs: 2
        }
    );
}

// ---------------------------------------------------------------- statements

#[test]
fn discard_drops_by_place() {
    let long_sum = nd(NodeKind::Arith {
        op: Add,
        kind: Long,
        lhs: bx(get(&klocal("x", 0, Long))),
        rhs: Some(bx(get(&klocal("x", 0, Long)))),
    });
    let ops = body(seq(vec![
        discard(call(this(), 20, vec![])),
        discard(int(7)),
        discard(long_sum),
        discard(set(&olocal("o", 0), null())),
    ]));
    assert_eq!(
        ops,
        vec![
            Op::SummonThis,
            Op::Call { ord: 20, nargs: 0 },
            Op::OsDrop,
            Op::IConst(Int, 7),
            Op::IsDrop(Int),
            Op::IsGet(Long, 0),
            Op::IsGet(Long, 0),
            Op::Arith(Long, Add),
            Op::IsDrop(Long),
            Op::SummonNull,
            Op::OsSet(0),
        ]
    );
}

#[test]
fn statements_must_leave_nothing() {
    assert!(matches!(
        lower_err(seq(vec![int(1)])),
        LowerErrorKind::WrongPlace {
            node: "sequence",
            expected: Place::None,
            found: Place::Int(Int),
            ..
        }
    ));
    assert!(matches!(
        lower_err(int(1)),
        LowerErrorKind::WrongPlace { node: "method", .. }
    ));
}

#[test]
fn if_with_and_without_else() {
    let x = olocal("x", 0);
    let ops = body(nd(NodeKind::If {
        cond: bx(int(1)),
        then: bx(set(&x, null())),
        els: None,
    }));
    assert_eq!(
        ops,
        vec![
            Op::IConst(Int, 1),
            Op::Jz(l(0)),
            Op::SummonNull,
            Op::OsSet(0),
            Op::Label(l(0)),
        ]
    );
    let ops = body(nd(NodeKind::If {
        cond: bx(int(0)),
        then: bx(set(&x, null())),
        els: Some(bx(set(&x, this()))),
    }));
    assert_eq!(
        ops,
        vec![
            Op::IConst(Int, 0),
            Op::Jz(l(0)),
            Op::SummonNull,
            Op::OsSet(0),
            Op::Jmp(l(1)),
            Op::Label(l(0)),
            Op::SummonThis,
            Op::OsSet(0),
            Op::Label(l(1)),
        ]
    );
    // The condition must be an int.
    assert!(matches!(
        lower_err(nd(NodeKind::If {
            cond: bx(null()),
            then: bx(seq(vec![])),
            els: None
        })),
        LowerErrorKind::WrongPlace {
            node: "if",
            operand: "condition",
            expected: Place::Int(Int),
            found: Place::Obj
        }
    ));
}

#[test]
fn while_loop_with_break_and_continue() {
    let i = ilocal("i", 0);
    let ops = body(nd(NodeKind::While {
        cond: bx(get(&i)),
        body: bx(seq(vec![nd(NodeKind::Continue), nd(NodeKind::Break)])),
    }));
    assert_eq!(
        ops,
        vec![
            Op::Label(l(0)),
            Op::IsGet(Int, 0),
            Op::Jz(l(1)),
            Op::Jmp(l(0)),
            Op::Jmp(l(1)),
            Op::Jmp(l(0)),
            Op::Label(l(1)),
        ]
    );
}

/// `i = 0; s = 0; while (i < 10) { i = i + 1; if (i == 3) continue;
/// if (i == 6) break; s = s + i; } return s;` → 1+2+4+5 = 12.
#[test]
fn while_loop_runs() {
    let (i, s) = (ilocal("i", 0), ilocal("s", 1));
    let eq = |v| {
        nd(NodeKind::NumEq {
            kind: Int,
            lhs: bx(get(&i)),
            rhs: bx(int(v)),
            negate: false,
            temps: 0,
        })
    };
    let b = seq(vec![
        set(&i, int(0)),
        set(&s, int(0)),
        nd(NodeKind::While {
            cond: bx(arith(Lt, get(&i), int(10))),
            body: bx(seq(vec![
                set(&i, arith(Add, get(&i), int(1))),
                nd(NodeKind::If {
                    cond: bx(eq(3)),
                    then: bx(nd(NodeKind::Continue)),
                    els: None,
                }),
                nd(NodeKind::If {
                    cond: bx(eq(6)),
                    then: bx(nd(NodeKind::Break)),
                    els: None,
                }),
                set(&s, arith(Add, get(&s), get(&i))),
            ])),
        }),
        ret(boxed(get(&s))),
    ]);
    let r = exec(b, vec![], 0, 2);
    assert_eq!(r.ret, Val::Int(12));
    assert_eq!(r.is.len(), 2, "int stack balanced");
    assert!(r.os.is_empty(), "object stack balanced");
}

#[test]
fn do_while_continue_goes_to_the_test() {
    let i = ilocal("i", 0);
    let ops = body(nd(NodeKind::DoWhile {
        body: bx(nd(NodeKind::Continue)),
        cond: bx(get(&i)),
        tail: Some(bx(nd(NodeKind::Break))),
    }));
    assert_eq!(
        ops,
        vec![
            Op::Label(l(0)),
            Op::Jmp(l(1)),
            Op::Label(l(1)),
            Op::IsGet(Int, 0),
            Op::Jz(l(2)),
            Op::Jmp(l(2)),
            Op::Jmp(l(0)),
            Op::Label(l(2)),
        ]
    );
    // `i = 10; do { i = i + 1; continue; } while (i < 5);` stops after one
    // pass because `continue` runs the test (the original looped forever).
    let b = seq(vec![
        set(&i, int(10)),
        nd(NodeKind::DoWhile {
            body: bx(seq(vec![
                set(&i, arith(Add, get(&i), int(1))),
                nd(NodeKind::Continue),
            ])),
            cond: bx(arith(Lt, get(&i), int(5))),
            tail: None,
        }),
        ret(boxed(get(&i))),
    ]);
    assert_eq!(exec(b, vec![], 0, 1).ret, Val::Int(11));
}

/// `do { j = j + 1; } while (i) i = i - 1;` from the regression tests.
#[test]
fn do_while_tail_runs_after_each_true_test() {
    let (i, j) = (ilocal("i", 0), ilocal("j", 1));
    let b = seq(vec![
        set(&i, int(3)),
        set(&j, int(0)),
        nd(NodeKind::DoWhile {
            body: bx(set(&j, arith(Add, get(&j), int(1)))),
            cond: bx(get(&i)),
            tail: Some(bx(set(&i, arith(SubLu, get(&i), int(1))))),
        }),
        ret(boxed(get(&j))),
    ]);
    assert_eq!(exec(b, vec![], 0, 2).ret, Val::Int(4));
}

fn foreach(var: &Local, array: Node, b: Node) -> Node {
    nd(NodeKind::Foreach {
        var: var.clone(),
        array: bx(array),
        array_slot: 2,
        index_slot: 5,
        body: bx(b),
    })
}

#[test]
fn foreach_shape() {
    let x = olocal("x", 1);
    let ops = body(foreach(&x, get(&olocal("a", 0)), nd(NodeKind::Continue)));
    assert_eq!(
        ops,
        vec![
            Op::OsGet(0),
            Op::OsSet(2),
            Op::IConst(Int, 0),
            Op::IsSet(Int, 5),
            Op::Label(l(0)),
            Op::IsGet(Int, 5),
            Op::OsGet(2),
            Op::Call { ord: 12, nargs: 0 },
            Op::O2i(Int),
            Op::Arith(Int, Lt),
            Op::Jz(l(2)),
            Op::OsGet(2),
            Op::IsGet(Int, 5),
            Op::I2o(Int),
            Op::Call { ord: 10, nargs: 1 },
            Op::OsSet(1),
            Op::Jmp(l(1)),
            Op::Label(l(1)),
            Op::IsGet(Int, 5),
            Op::IConst(Int, 1),
            Op::Arith(Int, Add),
            Op::IsSet(Int, 5),
            Op::Jmp(l(0)),
            Op::Label(l(2)),
        ]
    );
    // The element variable must be an object local.
    assert!(matches!(
        lower_err(foreach(&ilocal("x", 0), null(), seq(vec![]))),
        LowerErrorKind::WrongPlace {
            node: "foreach",
            operand: "variable",
            ..
        }
    ));
}

/// Sums the elements of the argument array, skipping 3 and stopping at 100.
#[test]
fn foreach_runs() {
    let (a, x, s) = (olocal("a", 0), olocal("x", 1), ilocal("s", 0));
    let elem = || unboxed(get(&x));
    let eq = |v| {
        nd(NodeKind::NumEq {
            kind: Int,
            lhs: bx(elem()),
            rhs: bx(int(v)),
            negate: false,
            temps: 0,
        })
    };
    let b = seq(vec![
        set(&s, int(0)),
        foreach(
            &x,
            get(&a),
            seq(vec![
                nd(NodeKind::If {
                    cond: bx(eq(3)),
                    then: bx(nd(NodeKind::Continue)),
                    els: None,
                }),
                nd(NodeKind::If {
                    cond: bx(eq(100)),
                    then: bx(nd(NodeKind::Break)),
                    els: None,
                }),
                set(&s, arith(Add, get(&s), elem())),
            ]),
        ),
        ret(boxed(get(&s))),
    ]);
    let arr = Val::Arr([1, 3, 5, 100, 7].map(Val::Int).to_vec());
    // Slots: a=0, x=1, hidden array=2 (obj); s=0, hidden index=5 (int).
    let r = exec(b, vec![arr], 3, 6);
    assert_eq!(r.ret, Val::Int(6));
    assert_eq!(r.is.len(), 6);
    assert_eq!(r.os.len(), 3);
}

fn switch(v: Node, items: Vec<SwitchItem>) -> Node {
    nd(NodeKind::Switch {
        value: bx(v),
        items,
    })
}

#[test]
fn switch_shape() {
    let x = olocal("x", 0);
    let ops = body(switch(
        int(2),
        vec![
            SwitchItem::Case(int(1)),
            SwitchItem::Stmt(set(&x, null())),
            SwitchItem::Default,
            SwitchItem::Case(int(2)),
            SwitchItem::Stmt(nd(NodeKind::Break)),
        ],
    ));
    // end = L0; case 1: tramp L1, label L2; default L3; case 2: L4, L5.
    assert_eq!(
        ops,
        vec![
            Op::IConst(Int, 2),
            Op::IsDup(Int),
            Op::IConst(Int, 1),
            Op::Arith(Int, SubLu),
            Op::Jz(l(1)),
            Op::IsDup(Int),
            Op::IConst(Int, 2),
            Op::Arith(Int, SubLu),
            Op::Jz(l(4)),
            Op::IsDrop(Int),
            Op::Jmp(l(3)),
            Op::Label(l(1)),
            Op::IsDrop(Int),
            Op::Jmp(l(2)),
            Op::Label(l(4)),
            Op::IsDrop(Int),
            Op::Jmp(l(5)),
            Op::Label(l(2)),
            Op::SummonNull,
            Op::OsSet(0),
            Op::Label(l(3)),
            Op::Label(l(5)),
            Op::Jmp(l(0)),
            Op::Label(l(0)),
        ]
    );
    // Without default, no match goes to the end.
    let ops = body(switch(int(2), vec![SwitchItem::Case(int(1))]));
    assert_eq!(ops[5..7], [Op::IsDrop(Int), Op::Jmp(l(0))]);
}

/// `r = 0; switch (v) { case 1: r = r + 1; case 2: r = r + 10; break;
/// default: r = r + 100; case 4: r = r + 1000; }` for several `v`.
#[test]
fn switch_runs_with_fall_through_and_default() {
    let r = ilocal("r", 1);
    let add = |k| set(&r, arith(Add, get(&r), int(k)));
    let mk = |v: i32, with_default: bool| {
        let mut items = vec![
            SwitchItem::Case(int(1)),
            SwitchItem::Stmt(add(1)),
            SwitchItem::Case(int(2)),
            SwitchItem::Stmt(add(10)),
            SwitchItem::Stmt(nd(NodeKind::Break)),
        ];
        if with_default {
            items.push(SwitchItem::Default);
            items.push(SwitchItem::Stmt(add(100)));
        }
        items.push(SwitchItem::Case(int(4)));
        items.push(SwitchItem::Stmt(add(1000)));
        seq(vec![
            set(&ilocal("sentinel", 0), int(-7)),
            set(&r, int(0)),
            switch(int(v), items),
            ret(boxed(get(&r))),
        ])
    };
    for (v, with_default, want) in [
        (1, true, 11),
        (2, true, 10),
        (4, true, 1000),
        (9, true, 1100),
        (9, false, 0),
        (1, false, 11),
    ] {
        let run = exec(mk(v, with_default), vec![], 0, 2);
        assert_eq!(run.ret, Val::Int(want), "v={v} default={with_default}");
        // Exactly the two locals are left: the value was dropped once.
        assert_eq!(run.is, vec![-7, want], "v={v}");
    }
}

#[test]
fn switch_errors_and_continue_targets() {
    assert_eq!(
        lower_err(switch(
            int(1),
            vec![SwitchItem::Default, SwitchItem::Default]
        )),
        LowerErrorKind::DuplicateDefault
    );
    // `continue` inside a switch needs an enclosing loop...
    assert_eq!(
        lower_err(switch(
            int(1),
            vec![SwitchItem::Stmt(nd(NodeKind::Continue))]
        )),
        LowerErrorKind::UnmatchedContinue
    );
    // ...and targets it: `while (1) switch (1) { case 1: continue; }`.
    let ops = body(nd(NodeKind::While {
        cond: bx(int(1)),
        body: bx(switch(
            int(1),
            vec![
                SwitchItem::Case(int(1)),
                SwitchItem::Stmt(nd(NodeKind::Continue)),
            ],
        )),
    }));
    let cont = ops.iter().filter(|o| **o == Op::Jmp(l(0))).count();
    assert_eq!(cont, 2, "continue and the loop's back edge go to the top");
    // The switch value must be an int.
    assert!(matches!(
        lower_err(switch(null(), vec![])),
        LowerErrorKind::WrongPlace { node: "switch", .. }
    ));
}

#[test]
fn unmatched_break_and_continue() {
    assert_eq!(
        lower_err(nd(NodeKind::Break)),
        LowerErrorKind::UnmatchedBreak
    );
    assert_eq!(
        lower_err(nd(NodeKind::Continue)),
        LowerErrorKind::UnmatchedContinue
    );
    // A loop's targets end with the loop.
    assert_eq!(
        lower_err(seq(vec![
            nd(NodeKind::While {
                cond: bx(int(0)),
                body: bx(seq(vec![]))
            }),
            nd(NodeKind::Break)
        ])),
        LowerErrorKind::UnmatchedBreak
    );
}

#[test]
fn return_and_throw() {
    assert_eq!(body(ret(this())), vec![Op::SummonThis, Op::Ret]);
    assert_eq!(
        body(nd(NodeKind::Return(None))),
        vec![Op::SummonNull, Op::Ret]
    );
    assert_eq!(
        body(nd(NodeKind::Throw(bx(null())))),
        vec![Op::SummonNull, Op::Throw]
    );
    assert!(matches!(
        lower_err(ret(int(1))),
        LowerErrorKind::WrongPlace {
            node: "return",
            expected: Place::Obj,
            ..
        }
    ));
}

#[test]
fn try_catch() {
    let e = olocal("e", 3);
    let ops = body(nd(NodeKind::Try {
        body: bx(nd(NodeKind::Throw(bx(null())))),
        class: Summon::StringClass,
        var: e.clone(),
        handler: bx(discard(get(&e))),
    }));
    assert_eq!(
        ops,
        vec![
            Op::SummonClass(Summon::StringClass),
            Op::PushCatcher(l(0)),
            Op::SummonNull,
            Op::Throw,
            Op::PopCatcher,
            Op::Jmp(l(1)),
            Op::Label(l(0)),
            Op::OsSet(3),
            Op::OsGet(3),
            Op::OsDrop,
            Op::Label(l(1)),
        ]
    );
}

// ---------------------------------------------------------------- values

#[test]
fn constants_and_reads() {
    let ops = lower_full(
        seq(vec![
            discard(int(-5)),
            discard(nd(NodeKind::StrConst {
                id: 3,
                bytes: b"hi".to_vec(),
            })),
            discard(nd(NodeKind::BinConst(vec![0, 1, 2]))),
            discard(null()),
            discard(this()),
            discard(get(&olocal("o", 0))),
            discard(get(&klocal("d", 2, Double))),
            discard(nd(NodeKind::GetField {
                name: "f".into(),
                ordinal: 7,
            })),
        ]),
        0,
        1,
        4,
    );
    assert_eq!(
        ops[2..ops.len() - 1]
            .iter()
            .filter(|o| !matches!(o, Op::Line(_)))
            .cloned()
            .collect::<Vec<_>>(),
        vec![
            Op::IConst(Int, -5),
            Op::IsDrop(Int),
            Op::Comment("str 'hi'".into()),
            Op::ConstPool(3),
            Op::OsDrop,
            Op::SConst(vec![0, 1, 2]),
            Op::OsDrop,
            Op::SummonNull,
            Op::OsDrop,
            Op::SummonThis,
            Op::OsDrop,
            Op::Comment("o".into()),
            Op::OsGet(0),
            Op::OsDrop,
            Op::Comment("d".into()),
            Op::IsGet(Double, 2),
            Op::IsDrop(Double),
            Op::Load(7),
            Op::OsDrop,
        ]
    );
}

#[test]
fn assignments() {
    let field = |keep| {
        nd(NodeKind::Assign {
            target: Target::Field {
                name: "f".into(),
                ordinal: 4,
            },
            value: bx(null()),
            keep,
        })
    };
    let keep_local = |l: &Local, v| {
        nd(NodeKind::Assign {
            target: Target::Local(l.clone()),
            value: bx(v),
            keep: true,
        })
    };
    let d = klocal("d", 1, Float);
    let fval = nd(NodeKind::Convert {
        from: Int,
        to: Float,
        value: bx(int(2)),
    });
    let ops = lower_full(
        seq(vec![
            field(false),
            discard(field(true)),
            set(&olocal("o", 0), this()),
            discard(keep_local(&olocal("o", 0), this())),
            discard(keep_local(&d, fval)),
        ]),
        0,
        1,
        2,
    );
    let ops: Vec<_> = ops
        .into_iter()
        .filter(|o| !matches!(o, Op::Line(_)))
        .collect();
    assert_eq!(
        ops[2..ops.len() - 1],
        [
            Op::SummonNull,
            Op::Comment("set f".into()),
            Op::Save(4),
            Op::SummonNull,
            Op::OsDup,
            Op::Comment("set f".into()),
            Op::Save(4),
            Op::OsDrop,
            Op::SummonThis,
            Op::Comment("set o".into()),
            Op::OsSet(0),
            Op::SummonThis,
            Op::OsDup,
            Op::Comment("set o".into()),
            Op::OsSet(0),
            Op::OsDrop,
            Op::IConst(Int, 2),
            Op::Convert {
                from: Int,
                to: Float
            },
            Op::IsDup(Float),
            Op::Comment("set d".into()),
            Op::IsSet(Float, 1),
            Op::IsDrop(Float),
        ]
    );
    // The value must be on the target's stack.
    assert!(matches!(
        lower_err(set(&ilocal("i", 0), null())),
        LowerErrorKind::WrongPlace {
            node: "assignment",
            expected: Place::Int(Int),
            found: Place::Obj,
            ..
        }
    ));
    assert_eq!(
        lower_err(set(
            &Local {
                name: "v".into(),
                slot: 0,
                place: Place::None
            },
            seq(vec![])
        )),
        LowerErrorKind::VoidLocal("v".into())
    );
}

#[test]
fn subscripts() {
    let a = olocal("a", 0);
    assert_eq!(
        body(discard(nd(NodeKind::Index {
            array: bx(get(&a)),
            index: bx(boxed(int(1))),
        }))),
        vec![
            Op::OsGet(0),
            Op::IConst(Int, 1),
            Op::I2o(Int),
            Op::Call { ord: 10, nargs: 1 },
            Op::OsDrop,
        ]
    );
    // Value before index; the statement drops set's result.
    let set = |keep| {
        nd(NodeKind::IndexSet {
            array: bx(get(&a)),
            index: bx(boxed(int(1))),
            value: bx(null()),
            keep,
        })
    };
    let stored = vec![
        Op::OsGet(0),
        Op::SummonNull,
        Op::IConst(Int, 1),
        Op::I2o(Int),
        Op::Call { ord: 11, nargs: 2 },
        Op::OsDrop,
    ];
    assert_eq!(body(set(false)), stored);
    // Kept, `set`'s result (the value) is the node's value.
    assert_eq!(set(true).place(), Place::Obj);
    assert_eq!(body(discard(set(true))), stored);
    assert_eq!(body(ret(set(true))), {
        let mut v = stored.clone();
        v.pop();
        v.push(Op::Ret);
        v
    });
    assert!(matches!(
        lower_err(seq(vec![set(true)])),
        LowerErrorKind::WrongPlace { .. }
    ));
}

#[test]
fn arithmetic() {
    let i = ilocal("i", 0);
    let unary = |op, kind, v| {
        nd(NodeKind::Arith {
            op,
            kind,
            lhs: bx(v),
            rhs: None,
        })
    };
    assert_eq!(
        body(discard(arith(DivLu, get(&i), int(3)))),
        vec![
            Op::IsGet(Int, 0),
            Op::IConst(Int, 3),
            Op::Arith(Int, DivLu),
            Op::IsDrop(Int),
        ]
    );
    assert_eq!(
        body(discard(unary(LogNot, Int, get(&i)))),
        vec![Op::IsGet(Int, 0), Op::Arith(Int, LogNot), Op::IsDrop(Int)]
    );
    // A comparison of longs yields an int.
    let x = klocal("x", 0, Long);
    assert_eq!(
        body(discard(nd(NodeKind::Arith {
            op: Gt,
            kind: Long,
            lhs: bx(get(&x)),
            rhs: Some(bx(get(&x))),
        }))),
        vec![
            Op::IsGet(Long, 0),
            Op::IsGet(Long, 0),
            Op::Arith(Long, Gt),
            Op::IsDrop(Int),
        ]
    );
    // A long shift takes an int count below the long value.
    assert_eq!(
        body(discard(nd(NodeKind::Arith {
            op: Shl,
            kind: Long,
            lhs: bx(int(3)),
            rhs: Some(bx(get(&x))),
        }))),
        vec![
            Op::IConst(Int, 3),
            Op::IsGet(Long, 0),
            Op::Arith(Long, Shl),
            Op::IsDrop(Long),
        ]
    );
    assert_eq!(
        lower_err(discard(unary(Add, Int, int(1)))),
        LowerErrorKind::Arity(Add)
    );
    assert_eq!(
        lower_err(discard(arith(Not, int(1), int(2)))),
        LowerErrorKind::Arity(Not)
    );
    assert_eq!(
        lower_err(discard(unary(Not, Float, get(&klocal("f", 0, Float))))),
        LowerErrorKind::InvalidKind(Not, Float)
    );
    // Mixed kinds need an explicit Convert.
    assert!(matches!(
        lower_err(discard(nd(NodeKind::Arith {
            op: Add,
            kind: Long,
            lhs: bx(get(&x)),
            rhs: Some(bx(int(1))),
        }))),
        LowerErrorKind::WrongPlace {
            operand: "second operand",
            expected: Place::Int(Long),
            found: Place::Int(Int),
            ..
        }
    ));
}

fn num_eq(kind: NumKind, a: Node, b: Node, negate: bool) -> Node {
    nd(NodeKind::NumEq {
        kind,
        lhs: bx(a),
        rhs: bx(b),
        negate,
        temps: 4,
    })
}

#[test]
fn numeric_equality() {
    assert_eq!(
        body(discard(num_eq(Int, int(1), int(2), false))),
        vec![
            Op::IConst(Int, 1),
            Op::IConst(Int, 2),
            Op::Arith(Int, SubLu),
            Op::Arith(Int, LogNot),
            Op::IsDrop(Int),
        ]
    );
    let d = klocal("d", 0, Double);
    let ops = body(discard(num_eq(Double, get(&d), get(&d), true)));
    assert_eq!(
        ops,
        vec![
            Op::IsGet(Double, 0),
            Op::IsSet(Double, 4),
            Op::IsGet(Double, 0),
            Op::IsSet(Double, 6),
            Op::IsGet(Double, 4),
            Op::IsGet(Double, 6),
            Op::Arith(Double, Ge),
            Op::IsGet(Double, 4),
            Op::IsGet(Double, 6),
            Op::Arith(Double, Le),
            Op::Arith(Int, LogAnd),
            Op::Arith(Int, LogNot),
            Op::IsDrop(Int),
        ]
    );
    let f = klocal("f", 0, Float);
    let ops = body(discard(num_eq(Float, get(&f), get(&f), false)));
    assert_eq!(
        ops[1..4],
        [
            Op::IsSet(Float, 4),
            Op::IsGet(Float, 0),
            Op::IsSet(Float, 5)
        ]
    );
    assert_eq!(ops[ops.len() - 2], Op::Arith(Int, LogAnd));
    // Results are normalised to 0/1.
    for (a, b, negate, want) in [
        (5, 5, false, 1),
        (5, 6, false, 0),
        (5, 5, true, 0),
        (5, 9, true, 1),
    ] {
        let r = exec(
            ret(boxed(num_eq(Int, int(a), int(b), negate))),
            vec![],
            0,
            0,
        );
        assert_eq!(r.ret, Val::Int(want), "{a} {b} {negate}");
    }
}

#[test]
fn object_comparisons() {
    assert_eq!(
        body(discard(nd(NodeKind::ObjEquals {
            lhs: bx(this()),
            rhs: bx(null()),
            negate: true,
        }))),
        vec![
            Op::SummonThis,
            Op::SummonNull,
            Op::Call { ord: 4, nargs: 1 },
            Op::O2i(Int),
            Op::Arith(Int, LogNot),
            Op::IsDrop(Int),
        ]
    );
    for (eq, op) in [(true, Op::OsEq), (false, Op::OsNeq)] {
        assert_eq!(
            body(discard(nd(NodeKind::RefCmp {
                lhs: bx(this()),
                rhs: bx(null()),
                eq,
            }))),
            vec![Op::SummonThis, Op::SummonNull, op, Op::IsDrop(Int)]
        );
    }
}

#[test]
fn stack_moves_and_casts() {
    let f = klocal("f", 0, Float);
    assert_eq!(
        body(discard(nd(NodeKind::Box(Float, bx(get(&f)))))),
        vec![Op::IsGet(Float, 0), Op::I2o(Float), Op::OsDrop]
    );
    assert_eq!(
        body(discard(nd(NodeKind::Unbox(Long, bx(null()))))),
        vec![Op::SummonNull, Op::O2i(Long), Op::IsDrop(Long)]
    );
    assert_eq!(
        body(discard(nd(NodeKind::Convert {
            from: Float,
            to: Double,
            value: bx(get(&f)),
        }))),
        vec![
            Op::IsGet(Float, 0),
            Op::Convert {
                from: Float,
                to: Double
            },
            Op::IsDrop(Double),
        ]
    );
    let class = Summon::ByName(".a.b".into());
    assert_eq!(
        body(discard(nd(NodeKind::Cast {
            class: class.clone(),
            value: bx(null()),
        }))),
        vec![Op::SummonNull, Op::SummonClass(class), Op::Cast, Op::OsDrop]
    );
    assert!(matches!(
        lower_err(discard(nd(NodeKind::Box(Long, bx(int(1)))))),
        LowerErrorKind::WrongPlace { node: "box", .. }
    ));
}

#[test]
fn calls() {
    assert_eq!(
        body(discard(call(this(), 40, vec![null(), boxed(int(1))]))),
        vec![
            Op::SummonThis,
            Op::SummonNull,
            Op::IConst(Int, 1),
            Op::I2o(Int),
            Op::Call { ord: 40, nargs: 2 },
            Op::OsDrop,
        ]
    );
    let class = Summon::ByName(".p".into());
    assert_eq!(
        body(discard(nd(NodeKind::StaticCall {
            class: class.clone(),
            class_name: ".p".into(),
            ordinal: 16,
            args: vec![null()],
        }))),
        vec![
            Op::SummonNull,
            Op::SummonThis,
            Op::SummonClass(class),
            Op::StaticInvoke { ord: 16, nargs: 1 },
            Op::OsDrop,
        ]
    );
    assert!(matches!(
        lower_err(discard(call(this(), 1, vec![int(1)]))),
        LowerErrorKind::WrongPlace {
            operand: "argument",
            ..
        }
    ));
}

#[test]
fn dynamic_calls() {
    let name = nd(NodeKind::StrConst {
        id: 3,
        bytes: b"twice".to_vec(),
    });
    let dynamic = |receiver: Node, name: Node, args: Vec<Node>| {
        nd(NodeKind::DynamicCall {
            receiver: bx(receiver),
            name: bx(name),
            args,
        })
    };
    // Arguments, receiver, name (on top); the count on the integer stack.
    assert_eq!(
        body(discard(dynamic(
            this(),
            name.clone(),
            vec![null(), boxed(int(7))]
        ))),
        vec![
            Op::SummonNull,
            Op::IConst(Int, 7),
            Op::I2o(Int),
            Op::SummonThis,
            Op::ConstPool(3),
            Op::IConst(Int, 2),
            Op::DynamicInvoke,
            Op::OsDrop,
        ]
    );
    assert_eq!(
        body(discard(dynamic(this(), name.clone(), vec![]))),
        vec![
            Op::SummonThis,
            Op::ConstPool(3),
            Op::IConst(Int, 0),
            Op::DynamicInvoke,
            Op::OsDrop,
        ]
    );
    assert!(matches!(
        lower_err(discard(dynamic(this(), int(1), vec![]))),
        LowerErrorKind::WrongPlace {
            operand: "method name",
            ..
        }
    ));
    assert!(matches!(
        lower_err(discard(dynamic(int(1), name, vec![]))),
        LowerErrorKind::WrongPlace {
            operand: "receiver",
            ..
        }
    ));
}

#[test]
fn new_objects() {
    let class = Summon::ByName(".c".into());
    assert_eq!(
        body(discard(nd(NodeKind::New {
            class: Summon::ArrayClass,
            ctor: None,
            args: vec![],
        }))),
        vec![Op::SummonClass(Summon::ArrayClass), Op::New, Op::OsDrop]
    );
    assert_eq!(
        body(discard(nd(NodeKind::New {
            class: class.clone(),
            ctor: Some(17),
            args: vec![null(), this()],
        }))),
        vec![
            Op::SummonClass(class.clone()),
            Op::New,
            Op::SummonNull,
            Op::SummonThis,
            Op::OsPull(2),
            Op::SummonClass(class.clone()),
            Op::StaticInvoke { ord: 17, nargs: 2 },
            Op::OsDrop,
            Op::OsDrop,
        ]
    );
    assert_eq!(
        body(discard(nd(NodeKind::NewDynamic(bx(nd(NodeKind::Cast {
            class: Summon::ClassClass,
            value: bx(null()),
        })))))),
        vec![
            Op::SummonNull,
            Op::SummonClass(Summon::ClassClass),
            Op::Cast,
            Op::New,
            Op::OsDrop,
        ]
    );
    assert_eq!(
        lower_err(discard(nd(NodeKind::New {
            class,
            ctor: None,
            args: vec![null()],
        }))),
        LowerErrorKind::ArgsWithoutCtor(1)
    );
}

// ---------------------------------------------------------------- lines

#[test]
fn line_markers_follow_source_lines() {
    let (i, j) = (ilocal("i", 0), ilocal("j", 1));
    let b = at(
        3,
        NodeKind::Seq(vec![
            at(
                4,
                NodeKind::Assign {
                    target: Target::Local(i.clone()),
                    value: bx(Node::new(NodeKind::IntConst(1), Type::INT, 4)),
                    keep: false,
                },
            ),
            at(
                4,
                NodeKind::Assign {
                    target: Target::Local(j.clone()),
                    value: bx(Node::new(NodeKind::IntConst(2), Type::INT, 4)),
                    keep: false,
                },
            ),
            at(
                6,
                NodeKind::Return(Some(bx(at(
                    6,
                    NodeKind::StrConst {
                        id: 0,
                        bytes: b"done".to_vec(),
                    },
                )))),
            ),
        ]),
    );
    let ops = lower_full(b, 0, 0, 2);
    assert_eq!(
        ops,
        vec![
            Op::ArgCount(0),
            Op::StackReserve { obj: 0, int: 2 },
            Op::Line(4),
            Op::IConst(Int, 1),
            Op::Comment("set i".into()),
            Op::IsSet(Int, 0),
            Op::IConst(Int, 2),
            Op::Comment("set j".into()),
            Op::IsSet(Int, 1),
            Op::Line(6),
            Op::Comment("str 'done'".into()),
            Op::ConstPool(0),
            Op::Ret,
            Op::Ret,
        ]
    );
    let enc = encode(&ops).unwrap();
    assert_eq!(enc.lines, vec![(5, 4), (18, 6)]);
}

#[test]
fn a_loop_returns_to_its_own_line_after_the_body() {
    let i = ilocal("i", 0);
    let b = at(
        2,
        NodeKind::While {
            cond: bx(Node::new(NodeKind::GetLocal(i.clone()), Type::INT, 2)),
            body: bx(at(
                3,
                NodeKind::Assign {
                    target: Target::Local(i.clone()),
                    value: bx(Node::new(NodeKind::IntConst(0), Type::INT, 3)),
                    keep: false,
                },
            )),
        },
    );
    let ops = lower_full(b, 0, 0, 1);
    let lines: Vec<_> = ops
        .iter()
        .filter_map(|o| match o {
            Op::Line(n) => Some(*n),
            _ => None,
        })
        .collect();
    assert_eq!(lines, vec![2, 3, 2]);
    let back = ops.iter().position(|o| *o == Op::Line(2)).unwrap();
    assert_eq!(ops[back - 1], Op::Label(l(0)));
}

// ---------------------------------------------------------------- limits

fn nested(depth: usize) -> Node {
    let mut n = int(0);
    for _ in 0..depth {
        n = arith(Add, n, int(1));
    }
    discard(n)
}

#[test]
fn nesting_is_bounded() {
    // The discard and the innermost constant take two of the levels.
    // The front end rejects trees higher than MAX_DEPTH (`Node::height`):
    // exactly those that cannot be lowered.
    assert_eq!(nested(MAX_DEPTH - 2).height(), MAX_DEPTH);
    assert_eq!(nested(MAX_DEPTH - 1).height(), MAX_DEPTH + 1);
    let ops = body(nested(MAX_DEPTH - 2));
    assert_eq!(ops.len(), 2 * (MAX_DEPTH - 2) + 2);
    assert_eq!(lower_err(nested(MAX_DEPTH - 1)), LowerErrorKind::TooDeep);
}

#[test]
fn errors_name_method_and_line() {
    let e = lower_method(&method(Some(at(9, NodeKind::Break)), 0, 0, 0)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "method m, line 9: break outside a loop or switch"
    );
    let e = lower_method(&method(Some(seq(vec![])), 0, 0, 300)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "method m: 300 integer cells do not fit a one-byte prologue operand"
    );
}

/// Every recursive path stays within a test thread's 2 MiB stack at the
/// nesting limit (unoptimised frames are large).
#[test]
fn deep_statements_and_calls_fit_the_stack() {
    let mut ifs = seq(vec![]);
    for _ in 0..MAX_DEPTH - 1 {
        ifs = nd(NodeKind::If {
            cond: bx(int(1)),
            then: bx(ifs),
            els: Some(bx(seq(vec![]))),
        });
    }
    assert_eq!(
        body(ifs).iter().filter(|o| matches!(o, Op::Jz(_))).count(),
        MAX_DEPTH - 1
    );

    let mut calls = this();
    for _ in 0..MAX_DEPTH - 2 {
        calls = call(calls, 3, vec![]);
    }
    assert_eq!(body(discard(calls)).len(), MAX_DEPTH);

    let mut news = null();
    for _ in 0..MAX_DEPTH - 2 {
        news = nd(NodeKind::New {
            class: Summon::ByName(".c".into()),
            ctor: Some(1),
            args: vec![news],
        });
    }
    // arg_count, line, null, 6 per new, os drop, ret.
    assert_eq!(
        lower_full(discard(news), 0, 0, 0).len(),
        6 * (MAX_DEPTH - 2) + 5
    );
}
