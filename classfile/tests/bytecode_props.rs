//! Property tests: `decode ∘ encode` is the identity on canonical code, and
//! the decoder survives arbitrary bytes.

use std::collections::{BTreeMap, HashMap};

use classfile::bytecode::{decode, decode_with_ips, encode};
use ir::code::{ArithOp, Label, Op, Summon};
use ir::types::NumKind;
use proptest::collection::vec;
use proptest::prelude::*;

fn kind() -> impl Strategy<Value = NumKind> {
    prop_oneof![
        Just(NumKind::Int),
        Just(NumKind::Long),
        Just(NumKind::Float),
        Just(NumKind::Double)
    ]
}

/// Values that exercise every encoding boundary of an `i32` operand held as `u32`.
fn operand() -> impl Strategy<Value = u32> {
    prop_oneof![
        0u32..40,
        250u32..260,
        Just(i32::MAX as u32),
        0..=i32::MAX as u32
    ]
}

fn iconst() -> impl Strategy<Value = i32> {
    prop_oneof![-2i32..3, 250..260, any::<i32>()]
}

fn label(n: u32) -> impl Strategy<Value = Label> {
    (0..n).prop_map(Label)
}

/// One real (non-pseudo) instruction; jumps refer to labels `0..n`.
fn real_op(n: u32) -> BoxedStrategy<Op> {
    let simple = prop_oneof![
        Just(Op::Nop),
        Just(Op::Ret),
        Just(Op::PopCatcher),
        Just(Op::Throw),
        Just(Op::GeneralLock),
        Just(Op::GeneralUnlock),
        Just(Op::DynamicInvoke),
        Just(Op::OsDup),
        Just(Op::OsDrop),
        Just(Op::New),
        Just(Op::Copy),
        Just(Op::OsDecompose),
        Just(Op::Cast),
        Just(Op::SummonThread),
        Just(Op::SummonThis),
        Just(Op::SummonNull),
        Just(Op::OsEq),
        Just(Op::OsNeq),
        Just(Op::OsIsNull),
    ];
    let summon = prop_oneof![
        Just(Summon::ClassClass),
        Just(Summon::IntClass),
        Just(Summon::StringClass),
        Just(Summon::InterfaceClass),
        Just(Summon::CodeClass),
        Just(Summon::ArrayClass),
        "[.a-z]{0,12}".prop_map(Summon::ByName),
    ];
    let operands = prop_oneof![
        (any::<u8>(), vec(any::<u8>(), 0..6)).prop_map(|(k, t)| Op::Debug {
            kind: k | 0x80,
            text: Some(t)
        }),
        any::<u8>().prop_map(|k| Op::Debug {
            kind: k & 0x7F,
            text: None
        }),
        any::<u8>().prop_map(Op::ArgCount),
        (any::<u8>(), any::<u8>()).prop_map(|(obj, int)| Op::StackReserve { obj, int }),
        (operand(), operand()).prop_map(|(ord, nargs)| Op::Call { ord, nargs }),
        (0u32..40, 0u32..20).prop_map(|(ord, nargs)| Op::Call { ord, nargs }),
        any::<u8>().prop_map(Op::Sys),
        (operand(), operand()).prop_map(|(ord, nargs)| Op::StaticInvoke { ord, nargs }),
        operand().prop_map(Op::Load),
        operand().prop_map(Op::Save),
        operand().prop_map(Op::OsPull),
        operand().prop_map(Op::OsGet),
        operand().prop_map(Op::OsSet),
        any::<u8>().prop_map(Op::IsLoad),
        any::<u8>().prop_map(Op::IsSave),
        any::<i32>().prop_map(Op::OsCompose),
        any::<i64>().prop_map(Op::IConst64),
        vec(any::<u8>(), 0..8).prop_map(Op::SConst),
        operand().prop_map(Op::ConstPool),
        summon.prop_map(Op::SummonClass),
    ];
    let kinded = prop_oneof![
        kind().prop_map(Op::IsDup),
        kind().prop_map(Op::IsDrop),
        (kind(), operand()).prop_map(|(k, n)| Op::IsGet(k, n)),
        (kind(), operand()).prop_map(|(k, n)| Op::IsSet(k, n)),
        (kind(), iconst()).prop_map(|(k, v)| Op::IConst(k, v)),
        (kind(), prop::sample::select(&ArithOp::ALL[..]))
            .prop_filter("float kinds exclude integer-only ops", |(k, a)| {
                !(k.is_float() && a.is_integer_only())
            })
            .prop_map(|(k, a)| Op::Arith(k, a)),
        (kind(), kind()).prop_map(|(from, to)| Op::Convert { from, to }),
        kind().prop_map(Op::I2o),
        kind().prop_map(Op::O2i),
    ];
    if n == 0 {
        return prop_oneof![simple, operands, kinded].boxed();
    }
    let jumps = prop_oneof![
        label(n).prop_map(Op::Djnz),
        label(n).prop_map(Op::Jz),
        label(n).prop_map(Op::Jmp),
        label(n).prop_map(Op::PushCatcher),
        (any::<i32>(), any::<i32>(), vec(label(n), 0..4)).prop_map(|(shift, div, targets)| {
            Op::Switch {
                shift,
                div,
                targets,
            }
        }),
    ];
    prop_oneof![simple, operands, kinded, jumps].boxed()
}

/// A well-formed method body: every label placed exactly once, with line
/// and comment pseudo-ops sprinkled in.
fn body() -> impl Strategy<Value = Vec<Op>> {
    (0u32..6)
        .prop_flat_map(|n| {
            (
                vec(real_op(n), 0..40),
                vec(0usize..=40, n as usize),
                vec((0usize..=40, any::<u16>(), any::<bool>()), 0..6),
            )
        })
        .prop_map(|(mut ops, label_pos, pseudos)| {
            for (i, p) in label_pos.into_iter().enumerate() {
                ops.insert(p.min(ops.len()), Op::Label(Label(i as u32)));
            }
            for (p, line, comment) in pseudos {
                let op = if comment {
                    Op::Comment(format!("c{line}"))
                } else {
                    Op::Line(u32::from(line))
                };
                ops.insert(p.min(ops.len()), op);
            }
            ops
        })
}

/// The canonical form: pseudo-ops dropped, one label per referenced
/// position, numbered by position.
fn normalize(ops: &[Op]) -> Vec<Op> {
    let mut pos: HashMap<Label, usize> = HashMap::new();
    let mut real = Vec::new();
    for op in ops {
        match op {
            Op::Label(l) => {
                pos.insert(*l, real.len());
            }
            Op::Line(_) | Op::Comment(_) => {}
            _ => real.push(op.clone()),
        }
    }
    let mut numbering: BTreeMap<usize, u32> = real
        .iter()
        .flat_map(|o| o.targets())
        .map(|l| (pos[&l], 0))
        .collect();
    for (i, n) in numbering.values_mut().enumerate() {
        *n = i as u32;
    }
    let relabel = |l: &Label| Label(numbering[&pos[l]]);
    let mut out = Vec::new();
    for (i, mut op) in real.iter().cloned().enumerate() {
        if let Some(n) = numbering.get(&i) {
            out.push(Op::Label(Label(*n)));
        }
        match &mut op {
            Op::Djnz(l) | Op::Jz(l) | Op::Jmp(l) | Op::PushCatcher(l) => *l = relabel(l),
            Op::Switch { targets, .. } => targets.iter_mut().for_each(|l| *l = relabel(l)),
            _ => {}
        }
        out.push(op);
    }
    if let Some(n) = numbering.get(&real.len()) {
        out.push(Op::Label(Label(*n)));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn decode_inverts_encode(ops in body()) {
        let enc = encode(&ops).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(enc.ips.len(), ops.len());
        let dec = decode_with_ips(&enc.bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&dec.ops, &normalize(&ops));
        // Every decoded instruction sits at the IP the encoder reported.
        let enc_real: Vec<u32> = ops.iter().zip(&enc.ips)
            .filter(|(o, _)| !o.is_pseudo()).map(|(_, ip)| *ip).collect();
        let dec_real: Vec<u32> = dec.ops.iter().zip(&dec.ips)
            .filter(|(o, _)| !o.is_pseudo()).map(|(_, ip)| *ip).collect();
        prop_assert_eq!(enc_real, dec_real);
    }

    #[test]
    fn decode_never_panics(bytes in vec(any::<u8>(), 0..64)) {
        let _ = decode(&bytes);
    }

    #[test]
    fn decoded_code_is_a_fixpoint(bytes in vec(
        prop_oneof![any::<u8>(), Just(0u8), Just(0x5C), Just(0x08)], 0..64)) {
        if let Ok(ops) = decode(&bytes) {
            prop_assert_eq!(&normalize(&ops), &ops);
            let enc = encode(&ops).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(decode(&enc.bytes).ok(), Some(ops));
        }
    }

    #[test]
    fn encode_never_panics_on_broken_labels(
        mut ops in body(), extra in vec((0usize..50, 0u32..8), 0..4)
    ) {
        for (p, l) in extra {
            ops.insert(p.min(ops.len()), if l % 2 == 0 { Op::Label(Label(l)) } else { Op::Jmp(Label(l)) });
        }
        let _ = encode(&ops);
    }
}

#[test]
fn normalize_merges_and_renumbers_labels() {
    let ops = [
        Op::Label(Label(5)),
        Op::Label(Label(2)),
        Op::Line(1),
        Op::Nop,
        Op::Label(Label(9)),
        Op::Jmp(Label(2)),
        Op::Jz(Label(5)),
    ];
    assert_eq!(
        normalize(&ops),
        [
            Op::Label(Label(0)),
            Op::Nop,
            Op::Jmp(Label(0)),
            Op::Jz(Label(0))
        ]
    );
}
