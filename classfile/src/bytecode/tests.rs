use alloc::string::ToString;
use alloc::vec;
use alloc::vec::Vec;

use ir::code::{ArithOp, Label, Op, Summon};
use ir::types::NumKind;

use super::*;

fn bytes(ops: &[Op]) -> Vec<u8> {
    match encode(ops) {
        Ok(e) => e.bytes,
        Err(e) => panic!("encode failed: {e}"),
    }
}

fn err_kind(ops: &[Op]) -> EncodeErrorKind {
    match encode(ops) {
        Ok(e) => panic!("expected an error, got {:?}", e.bytes),
        Err(e) => e.kind,
    }
}

fn dec_err(code: &[u8]) -> DecodeError {
    match decode(code) {
        Ok(ops) => panic!("expected an error, got {ops:?}"),
        Err(e) => e,
    }
}

#[test]
fn arith_table_is_a_bijection() {
    for (a, b) in ARITH {
        assert_eq!(arith_opcode(a), b);
        assert_eq!(arith_from_opcode(b), Some(a));
    }
}

#[test]
fn call_picks_the_emitters_encoding() {
    let call = |ord, nargs| bytes(&[Op::Call { ord, nargs }]);
    assert_eq!(call(0, 0), [oc::SHORT_CALL_0]);
    assert_eq!(call(3, 0), [oc::SHORT_CALL_3]);
    assert_eq!(call(4, 0), [0xA4, 0]);
    assert_eq!(call(2, 1), [0xA2, 1]);
    assert_eq!(call(31, 15), [0xBF, 15]);
    assert_eq!(call(15, 16), [oc::CALL_8BIT, 15, 0, 0, 0, 16]);
    assert_eq!(call(32, 0), [oc::CALL_32BIT, 0, 0, 0, 32, 0, 0, 0, 0]);
    assert_eq!(call(16, 16), [oc::CALL_32BIT, 0, 0, 0, 16, 0, 0, 0, 16]);
    assert_eq!(
        err_kind(&[Op::Call {
            ord: 1 << 31,
            nargs: 0
        }]),
        EncodeErrorKind::OutOfRange {
            operand: "method ordinal",
            value: 1 << 31
        }
    );
    assert!(matches!(
        err_kind(&[Op::Call {
            ord: 3,
            nargs: u32::MAX
        }]),
        EncodeErrorKind::OutOfRange { .. }
    ));
}

#[test]
fn iconst_picks_the_shortest_form_and_prefix() {
    let k = |kind, v| bytes(&[Op::IConst(kind, v)]);
    assert_eq!(k(NumKind::Int, 0), [oc::ICONST_0]);
    assert_eq!(k(NumKind::Int, 1), [oc::ICONST_1]);
    assert_eq!(k(NumKind::Int, 2), [oc::ICONST_8BIT, 2]);
    assert_eq!(k(NumKind::Int, 255), [oc::ICONST_8BIT, 255]);
    assert_eq!(k(NumKind::Int, 256), [oc::ICONST_32BIT, 0, 0, 1, 0]);
    assert_eq!(
        k(NumKind::Int, -1),
        [oc::ICONST_32BIT, 0xFF, 0xFF, 0xFF, 0xFF]
    );
    assert_eq!(k(NumKind::Long, 0), [oc::PREFIX_LONG, oc::ICONST_0]);
    assert_eq!(
        k(NumKind::Double, 7),
        [oc::PREFIX_DOUBLE, oc::ICONST_8BIT, 7]
    );
    assert_eq!(
        bytes(&[Op::IConst64(-2)]),
        [
            oc::ICONST_64BIT,
            0xFF,
            0xFF,
            0xFF,
            0xFF,
            0xFF,
            0xFF,
            0xFF,
            0xFE
        ]
    );
}

#[test]
fn prefixes_precede_kinded_ops_only() {
    assert_eq!(
        bytes(&[Op::Arith(NumKind::Long, ArithOp::Add)]),
        [0x5C, 0x42]
    );
    assert_eq!(bytes(&[Op::Arith(NumKind::Int, ArithOp::Lt)]), [0x55]);
    assert_eq!(
        bytes(&[Op::Convert {
            from: NumKind::Int,
            to: NumKind::Double
        }]),
        [0x5E, oc::FROMI]
    );
    assert_eq!(
        bytes(&[Op::Convert {
            from: NumKind::Float,
            to: NumKind::Int
        }]),
        [oc::FROMF]
    );
    assert_eq!(
        bytes(&[Op::IsSet(NumKind::Float, 3)]),
        [0x5D, 0x27, 0, 0, 0, 3]
    );
    assert_eq!(
        bytes(&[Op::O2i(NumKind::Long), Op::I2o(NumKind::Int)]),
        [0x5C, 0x41, 0x40]
    );
    assert_eq!(prefix_kind(&Op::Ret), None);
    assert_eq!(prefix_kind(&Op::IsDup(NumKind::Int)), None);
    assert_eq!(
        prefix_kind(&Op::IsDrop(NumKind::Float)),
        Some(NumKind::Float)
    );
}

#[test]
fn integer_only_ops_reject_float_kinds() {
    assert_eq!(
        err_kind(&[Op::Nop, Op::Arith(NumKind::Float, ArithOp::Or)]),
        EncodeErrorKind::InvalidKind(NumKind::Float)
    );
    assert!(encode(&[Op::Arith(NumKind::Double, ArithOp::Shl)]).is_err());
    assert!(encode(&[Op::Arith(NumKind::Long, ArithOp::Shl)]).is_ok());
    assert!(encode(&[Op::Arith(NumKind::Double, ArithOp::Ge)]).is_ok());
}

#[test]
fn fields_use_8_bit_forms_below_256() {
    assert_eq!(bytes(&[Op::Load(255)]), [oc::OS_LOAD8, 255]);
    assert_eq!(bytes(&[Op::Save(0)]), [oc::OS_SAVE8, 0]);
    assert_eq!(bytes(&[Op::Load(256)]), [oc::OS_LOAD32, 0, 0, 1, 0]);
    assert_eq!(bytes(&[Op::Save(70000)]), [oc::OS_SAVE32, 0, 1, 0x11, 0x70]);
    assert!(matches!(
        err_kind(&[Op::Save(u32::MAX)]),
        EncodeErrorKind::OutOfRange { .. }
    ));
}

#[test]
fn jumps_are_relative_to_the_displacement_field() {
    // bytecode.md §1: jz at @16 to @27 is `05 00 00 00 0A`.
    let mut ops = vec![Op::IConst(NumKind::Int, 1000); 3]; // 3 × 5 bytes
    ops.push(Op::Nop); // @15
    ops.push(Op::Jz(Label(7))); // @16
    ops.extend(vec![Op::Nop; 6]); // @21..@26
    ops.push(Op::Label(Label(7)));
    ops.push(Op::Ret); // @27
    let e = bytes(&ops);
    assert_eq!(e[16..21], [0x05, 0, 0, 0, 0x0A]);

    // Backward jump: jmp at @1 (field @2) to @0 → −2.
    let b = bytes(&[Op::Label(Label(0)), Op::Nop, Op::Jmp(Label(0))]);
    assert_eq!(b, [0, oc::JMP, 0xFF, 0xFF, 0xFF, 0xFE]);
}

#[test]
fn switch_entries_are_relative_to_themselves() {
    let ops = [
        Op::Switch {
            shift: -1,
            div: 2,
            targets: vec![Label(0), Label(0)],
        },
        Op::Label(Label(0)),
        Op::Ret,
    ];
    let b = bytes(&ops);
    // 1 opcode + 12 header bytes; entries at 13 and 17; target 21.
    assert_eq!(b.len(), 22);
    assert_eq!(b[1..5], [0, 0, 0, 2]);
    assert_eq!(b[5..9], [0xFF, 0xFF, 0xFF, 0xFF]);
    assert_eq!(b[13..17], 8i32.to_be_bytes());
    assert_eq!(b[17..21], 4i32.to_be_bytes());
    assert_eq!(decode(&b).ok().as_deref(), Some(&ops[..]));
}

#[test]
fn label_errors() {
    assert_eq!(
        encode(&[Op::Nop, Op::Jmp(Label(3))]),
        Err(EncodeError {
            index: 1,
            kind: EncodeErrorKind::UndefinedLabel(Label(3))
        })
    );
    assert_eq!(
        encode(&[Op::Label(Label(1)), Op::Nop, Op::Label(Label(1))]),
        Err(EncodeError {
            index: 2,
            kind: EncodeErrorKind::DuplicateLabel(Label(1))
        })
    );
    // Unused labels are fine.
    assert!(encode(&[Op::Label(Label(9)), Op::Ret]).is_ok());
}

#[test]
fn debug_text_must_match_its_flag() {
    assert_eq!(
        bytes(&[Op::Debug {
            kind: 1,
            text: None
        }]),
        [1, 1]
    );
    assert_eq!(
        bytes(&[Op::Debug {
            kind: 0x81,
            text: Some(b"hi".to_vec())
        }]),
        [1, 0x81, 0, 0, 0, 2, b'h', b'i']
    );
    assert_eq!(
        err_kind(&[Op::Debug {
            kind: 0x80,
            text: None
        }]),
        EncodeErrorKind::DebugText
    );
    assert_eq!(
        err_kind(&[Op::Debug {
            kind: 0,
            text: Some(Vec::new())
        }]),
        EncodeErrorKind::DebugText
    );
}

#[test]
fn ips_and_line_map() {
    let ops = [
        Op::Line(3),
        Op::ArgCount(0), // @0
        Op::Comment("x".into()),
        Op::Line(4),
        Op::Line(5),                            // same IP: replaces line 4
        Op::Arith(NumKind::Long, ArithOp::Add), // prefix @2, opcode @3
        Op::Label(Label(0)),
        Op::Line(6),
        Op::Ret, // @4
    ];
    let e = match encode(&ops) {
        Ok(e) => e,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(e.ips, [0, 0, 2, 2, 2, 3, 4, 4, 4]);
    assert_eq!(e.lines, [(0, 3), (2, 5), (4, 6)]);
}

/// `phantom.user.getName` from `classfile.md` §7 (2017 compiler).
fn get_name_code() -> Vec<u8> {
    let mut c = vec![
        0x23, 0, 0, 0, 0, 0x45, 0x05, 0, 0, 0, 0x2d, 0x24, 0, 0, 0, 0x23,
    ];
    c.extend_from_slice(b"arg count: getName in .phantom.user");
    c.extend_from_slice(&[0x2f, 0x28, 0, 0, 0, 0, 0x08, 0x08]);
    c
}

#[test]
fn decodes_the_spec_walkthrough() {
    let d = match decode_with_ips(&get_name_code()) {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(
        d.ops,
        [
            Op::IConst(NumKind::Int, 0),
            Op::Arith(NumKind::Int, ArithOp::SubLu),
            Op::Jz(Label(0)),
            Op::SConst(b"arg count: getName in .phantom.user".to_vec()),
            Op::Throw,
            Op::Label(Label(0)),
            Op::ConstPool(0),
            Op::Ret,
            Op::Ret,
        ]
    );
    assert_eq!(d.ips, [0, 5, 6, 11, 51, 52, 52, 57, 58]);
}

#[test]
fn decodes_every_assigned_opcode_or_reports_it() {
    // Pad with zeros so every operand is present; a jump's displacement of 4
    // targets the next instruction.
    for b in 0..=255u8 {
        let mut code = vec![b];
        code.extend_from_slice(&[0; 16]);
        if matches!(b, oc::JMP | oc::JZ | oc::DJNZ | oc::PUSH_CATCHER) {
            code[4] = 4;
        }
        let r = decode(&code);
        if oc::is_assigned(b) && !oc::is_prefix(b) {
            assert!(r.is_ok(), "opcode {b:#04x}: {r:?}");
        } else if !oc::is_assigned(b) {
            assert_eq!(
                r,
                Err(DecodeError {
                    offset: 0,
                    kind: DecodeErrorKind::UnknownOpcode(b)
                })
            );
        }
    }
    assert_eq!(
        decode(&[0x19, 0x1A, 0, 0, 0, 5, 0x1B]),
        Ok(vec![Op::Copy, Op::OsCompose(5), Op::OsDecompose])
    );
}

#[test]
fn decode_errors_carry_offsets() {
    assert_eq!(
        dec_err(&[0x08, 0x23, 0, 0]),
        DecodeError {
            offset: 2,
            kind: DecodeErrorKind::Truncated
        }
    );
    assert_eq!(dec_err(&[0x08, 0x80]).offset, 1);
    assert_eq!(
        dec_err(&[0x1E, 0xFF, 0xFF, 0xFF, 0xFE]),
        DecodeError {
            offset: 1,
            kind: DecodeErrorKind::NegativeOperand(-2)
        }
    );
    // jmp into its own operand.
    assert_eq!(
        dec_err(&[0x06, 0, 0, 0, 1]),
        DecodeError {
            offset: 1,
            kind: DecodeErrorKind::BadTarget(2)
        }
    );
    // Before the start and past the end.
    assert_eq!(
        dec_err(&[0x06, 0xFF, 0xFF, 0xFF, 0xFE]).kind,
        DecodeErrorKind::BadTarget(-1)
    );
    assert_eq!(
        dec_err(&[0x06, 0, 0, 0, 5]).kind,
        DecodeErrorKind::BadTarget(6)
    );
    // A switch claiming a huge table must not allocate for it.
    assert_eq!(
        dec_err(&[0x07, 0x7F, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 1]).kind,
        DecodeErrorKind::Truncated
    );
    // A string running past the end.
    assert_eq!(
        dec_err(&[0x24, 0, 0, 0, 9, b'a']),
        DecodeError {
            offset: 1,
            kind: DecodeErrorKind::Truncated
        }
    );
    assert_eq!(
        dec_err(&[0x3F, 0x80, 0, 0, 0]).kind,
        DecodeErrorKind::NegativeOperand(i32::MIN)
    );
    // Float or: the VM aborts.
    assert_eq!(
        dec_err(&[0x5D, 0x48]),
        DecodeError {
            offset: 1,
            kind: DecodeErrorKind::InvalidKind(NumKind::Float)
        }
    );
    // A lone prefix at the end.
    assert_eq!(
        dec_err(&[0x08, 0x5C]),
        DecodeError {
            offset: 1,
            kind: DecodeErrorKind::Truncated
        }
    );
}

#[test]
fn stray_prefixes_are_dropped() {
    assert_eq!(decode(&[0x5C, 0x08]), Ok(vec![Op::Ret]));
    assert_eq!(
        decode(&[0x5C, 0x5D, 0x42]),
        Ok(vec![Op::Arith(NumKind::Float, ArithOp::Add)])
    );
    // A jump to the dropped prefix or to the instruction both land on it.
    for target in [0u8, 1] {
        let code = [0x5C, 0x08, 0x06, 0xFF, 0xFF, 0xFF, 0xFD + target];
        let d = match decode_with_ips(&code) {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(d.ops, [Op::Label(Label(0)), Op::Ret, Op::Jmp(Label(0))]);
        assert_eq!(d.ips, [0, 1, 2]);
    }
    // Jumping between a kept prefix and its instruction cannot be expressed.
    assert_eq!(
        dec_err(&[0x5C, 0x42, 0x06, 0xFF, 0xFF, 0xFF, 0xFE]).kind,
        DecodeErrorKind::BadTarget(1)
    );
}

#[test]
fn target_at_the_end_gets_a_trailing_label() {
    let ops = [Op::Jz(Label(0)), Op::Nop, Op::Label(Label(0))];
    let b = bytes(&ops);
    assert_eq!(decode(&b), Ok(ops.to_vec()));
}

#[test]
fn summons_and_strings_round_trip() {
    let ops = [
        Op::SummonClass(Summon::ByName(".ru.dz.x".to_string())),
        Op::SummonClass(Summon::ArrayClass),
        Op::SConst(vec![0, 1, 0xFF]),
        Op::StaticInvoke { ord: 17, nargs: 2 },
        Op::StackReserve { obj: 3, int: 4 },
        Op::IsGet(NumKind::Double, 2),
        Op::OsPull(1),
        Op::Sys(5),
        Op::IsLoad(9),
        Op::IsSave(10),
    ];
    assert_eq!(decode(&bytes(&ops)), Ok(ops.to_vec()));
}

#[test]
fn errors_display() {
    let e = EncodeError {
        index: 2,
        kind: EncodeErrorKind::UndefinedLabel(Label(4)),
    };
    assert_eq!(e.to_string(), "op #2: undefined label 4");
    let d = DecodeError {
        offset: 7,
        kind: DecodeErrorKind::UnknownOpcode(0x80),
    };
    assert_eq!(d.to_string(), "@7: unknown opcode 0x80");
}
